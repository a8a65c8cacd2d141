using Marketplace.Contracts.Admin;

namespace Marketplace.Web.Pages.Admin;

/// <summary>The admin's flat list of categories (parents first, siblings in order) as a tree to walk.</summary>
public sealed class CategoryTree
{
    private readonly ILookup<int?, AdminCategoryResponse> _children;

    public CategoryTree(IReadOnlyList<AdminCategoryResponse> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        All = categories;
        _children = categories.ToLookup(c => c.ParentId);
    }

    public IReadOnlyList<AdminCategoryResponse> All { get; }

    public IReadOnlyList<AdminCategoryResponse> ChildrenOf(int? parentId) => [.. _children[parentId]];

    public AdminCategoryResponse? Find(int id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>Every category depth first with its depth, leaving out <paramref name="except"/> and what lies under it.</summary>
    public IEnumerable<(AdminCategoryResponse Category, int Depth)> DepthFirst(int? except = null)
    {
        return Walk(null, 0);

        IEnumerable<(AdminCategoryResponse, int)> Walk(int? parentId, int depth)
        {
            foreach (var category in _children[parentId].Where(c => c.Id != except))
            {
                yield return (category, depth);
                foreach (var below in Walk(category.Id, depth + 1))
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>A select's label: indented by depth with non-breaking spaces, inactive ones marked.</summary>
    public static string Label(AdminCategoryResponse category, int depth)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new string('\u00A0', depth * 3) + category.Name + (category.IsActive ? "" : " (inactive)");
    }
}
