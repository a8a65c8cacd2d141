namespace Marketplace.Contracts.Categories;

/// <summary>A category in the active tree, with its active subcategories.</summary>
public sealed record CategoryResponse(
    int Id,
    string Name,
    string Slug,
    string? Description,
    int? ParentId,
    int SortOrder,
    IReadOnlyList<CategoryResponse> Children);
