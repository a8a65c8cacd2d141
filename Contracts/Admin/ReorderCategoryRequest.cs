using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Categories;

namespace Marketplace.Contracts.Admin;

/// <summary>Where a category sits among its siblings: lower first, ties by name.</summary>
public sealed record ReorderCategoryRequest
{
    [Required, Range(0, CategoryRules.MaxSortOrder)]
    public int? SortOrder { get; init; }
}
