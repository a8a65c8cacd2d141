using Marketplace.Contracts.Categories;
using Marketplace.Data;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Categories;

/// <summary>One row of the Category table, as loaded into the cache.</summary>
public sealed record CategoryRow(int Id, string Name, string Slug, string? Description, int? ParentId, int SortOrder, bool IsActive);

/// <summary>
/// An immutable snapshot of the category table. A category is visible when it and all its ancestors are active; only
/// visible categories can be browsed, searched by or given to a new listing, but every category keeps its slug for
/// listings filed under it before it was deactivated.
/// </summary>
public sealed class CategoryTree
{
    private static readonly Dictionary<string, ListingCategory> LegacyBySlug =
        Enum.GetValues<ListingCategory>().ToDictionary(MarketplaceEnums.SlugOf, StringComparer.Ordinal);

    private readonly Dictionary<int, CategoryRow> _all;
    private readonly Dictionary<string, CategoryResponse> _visibleBySlug;
    private readonly Dictionary<int, CategoryResponse> _visibleById;

    private CategoryTree(IReadOnlyList<CategoryRow> rows)
    {
        _all = rows.ToDictionary(r => r.Id);
        var childrenOf = rows
            .Where(r => r.IsActive && r.ParentId is not null)
            .GroupBy(r => r.ParentId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal).ToList());

        _visibleBySlug = new Dictionary<string, CategoryResponse>(StringComparer.Ordinal);
        _visibleById = [];
        Roots = rows
            .Where(r => r.IsActive && r.ParentId is null)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => Build(r, childrenOf))
            .ToList();
    }

    /// <summary>The visible roots, each with its visible subtree, ordered by SortOrder then Name.</summary>
    public IReadOnlyList<CategoryResponse> Roots { get; }

    public static CategoryTree Build(IReadOnlyList<CategoryRow> rows) => new(rows);

    public CategoryResponse? FindVisible(string slug) => _visibleBySlug.GetValueOrDefault(slug);

    /// <summary>The slug of any category, visible or not, for showing which category a listing is filed under.</summary>
    public string? SlugOf(int? categoryId) => categoryId is { } id ? _all.GetValueOrDefault(id)?.Slug : null;

    /// <summary>The path from the root down to <paramref name="category"/>, both included.</summary>
    public IReadOnlyList<CategoryPathItem> PathTo(CategoryResponse category)
    {
        var path = new List<CategoryPathItem>();
        for (CategoryResponse? current = category; current is not null; current = current.ParentId is { } parent ? _visibleById.GetValueOrDefault(parent) : null)
        {
            path.Add(new CategoryPathItem(current.Id, current.Name, current.Slug));
        }

        path.Reverse();
        return path;
    }

    /// <summary>The category and every visible category below it: what a search by this category covers.</summary>
    public IReadOnlyList<int> SubtreeIds(CategoryResponse category)
    {
        var ids = new List<int>();
        var pending = new Stack<CategoryResponse>([category]);
        while (pending.TryPop(out var current))
        {
            ids.Add(current.Id);
            foreach (var child in current.Children)
            {
                pending.Push(child);
            }
        }

        return ids;
    }

    /// <summary>
    /// The categories whose search finds a listing filed under <paramref name="categoryId"/>: the category and its
    /// parents, as long as each is visible (<see cref="SubtreeIds"/> the other way round); none for a hidden category.
    /// </summary>
    public IReadOnlyList<int> CoveringIds(int? categoryId)
    {
        var ids = new List<int>();
        for (var current = categoryId is { } id ? _visibleById.GetValueOrDefault(id) : null;
             current is not null;
             current = current.ParentId is { } parent ? _visibleById.GetValueOrDefault(parent) : null)
        {
            ids.Add(current.Id);
        }

        return ids;
    }

    /// <summary>
    /// The legacy enum value a listing in <paramref name="category"/> carries: that of the base category it sits under
    /// (normally the root of its path). A root an admin added later has no legacy counterpart, so its listings are
    /// <see cref="ListingCategory.Other"/>.
    /// </summary>
    public ListingCategory LegacyCategoryOf(CategoryResponse category)
    {
        var path = PathTo(category);
        for (var i = path.Count - 1; i >= 0; i--)
        {
            if (LegacyBySlug.TryGetValue(path[i].Slug, out var legacy))
            {
                return legacy;
            }
        }

        return ListingCategory.Other;
    }

    /// <summary>The visible base category that stands for a legacy value.</summary>
    public CategoryResponse? BaseCategoryOf(ListingCategory legacy) => FindVisible(MarketplaceEnums.SlugOf(legacy));

    // Walking down from the roots also keeps a parent cycle (nothing forbids one in the table) out of the tree: no root reaches it.
    private CategoryResponse Build(CategoryRow row, Dictionary<int, List<CategoryRow>> childrenOf)
    {
        var children = childrenOf.TryGetValue(row.Id, out var rows)
            ? rows.Select(child => Build(child, childrenOf)).ToList()
            : [];
        var node = new CategoryResponse(row.Id, row.Name, row.Slug, row.Description, row.ParentId, row.SortOrder, children);
        _visibleBySlug[node.Slug] = node;
        _visibleById[node.Id] = node;
        return node;
    }
}
