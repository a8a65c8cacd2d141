namespace Marketplace.Contracts.Admin;

/// <summary>A category as an admin sees it: active or not.</summary>
public sealed record AdminCategoryResponse(int Id, string Name, string Slug, string? Description, int? ParentId, int SortOrder, bool IsActive);
