namespace Marketplace.Contracts.Admin;

/// <summary>Move a category (with its subtree) under another parent, or to the roots with <c>parentId</c> null.</summary>
public sealed record MoveCategoryRequest
{
    public int? ParentId { get; init; }
}
