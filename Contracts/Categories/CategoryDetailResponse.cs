namespace Marketplace.Contracts.Categories;

/// <summary>One category with its subcategories and its path from the root (the root first, the category itself last).</summary>
public sealed record CategoryDetailResponse(
    int Id,
    string Name,
    string Slug,
    string? Description,
    int? ParentId,
    int SortOrder,
    IReadOnlyList<CategoryResponse> Children,
    IReadOnlyList<CategoryPathItem> Path);
