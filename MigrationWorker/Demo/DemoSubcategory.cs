using Marketplace.Data.Entities;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// A subcategory the demo files listings under, below one of the base categories, with sentences its sellers write
/// about such things and the items they sell.
/// </summary>
public sealed record DemoSubcategory(
    ListingCategory Parent,
    string Name,
    string Slug,
    string Description,
    IReadOnlyList<string> Remarks,
    IReadOnlyList<DemoItem> Items);
