using Marketplace.Data;
using Marketplace.Data.Entities;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>One of the ten base categories the worker seeds, one per legacy <see cref="ListingCategory"/> value.</summary>
public sealed record BaseCategory(ListingCategory LegacyValue, string Name, string Description)
{
    public string Slug => MarketplaceEnums.SlugOf(LegacyValue);

    public int SortOrder => ((int)LegacyValue + 1) * 10;
}
