namespace Marketplace.Contracts.Categories;

/// <summary>One step of a category's path from the root.</summary>
public sealed record CategoryPathItem(int Id, string Name, string Slug);
