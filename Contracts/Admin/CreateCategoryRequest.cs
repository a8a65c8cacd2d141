using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Categories;

namespace Marketplace.Contracts.Admin;

/// <summary>A new category: a root, or under <c>parentId</c>. Its slug is its lasting address and cannot change later.</summary>
public sealed record CreateCategoryRequest
{
    [Required, StringLength(CategoryRules.NameMaxLength, MinimumLength = 1)]
    public string Name { get; init; } = "";

    /// <summary>Lower-case words joined by hyphens, e.g. <c>garden-tools</c>; unique across the tree.</summary>
    [Required, StringLength(CategoryRules.SlugMaxLength, MinimumLength = 1)]
    [RegularExpression(CategoryRules.SlugPattern, ErrorMessage = CategoryRules.SlugPatternMessage)]
    public string Slug { get; init; } = "";

    [StringLength(CategoryRules.DescriptionMaxLength)]
    public string? Description { get; init; }

    /// <summary>The parent category's id; leave it out for a root.</summary>
    public int? ParentId { get; init; }

    /// <summary>Where it sits among its siblings (lower first); 0 by default.</summary>
    [Range(0, CategoryRules.MaxSortOrder)]
    public int? SortOrder { get; init; }
}
