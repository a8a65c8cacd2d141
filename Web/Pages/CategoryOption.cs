using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;

namespace Marketplace.Web.Pages;

/// <summary>A category as a select's option: its slug, and its name indented by its depth in the tree.</summary>
public sealed record CategoryOption(string Slug, string Name, int Depth)
{
    /// <summary>The label, indented with non-breaking spaces (an option cannot hold markup).</summary>
    public string Label => new string('\u00A0', Depth * 3) + Name;

    /// <summary>The tree, depth first, as the Api orders siblings.</summary>
    public static IReadOnlyList<CategoryOption> Flatten(IEnumerable<CategoryResponse> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var options = new List<CategoryOption>();
        Add(roots, 0);
        return options;

        void Add(IEnumerable<CategoryResponse> level, int depth)
        {
            foreach (var category in level)
            {
                options.Add(new CategoryOption(category.Slug, category.Name, depth));
                Add(category.Children, depth + 1);
            }
        }
    }

    /// <summary>
    /// The tree as the Api has it now, as options: for a form that files something under a category. None when the Api
    /// refused (a form still works, its category then refused by the Api).
    /// </summary>
    public static async Task<IReadOnlyList<CategoryOption>> LoadAsync(MarketplaceApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Of(await api.GetCategoriesAsync(cancellationToken));
    }

    /// <summary>
    /// The tree as options, in this replica's copy of at most <see cref="MarketplaceApiClient.CategoriesToBrowseAge"/>: for
    /// a page that filters or names by category. None when the Api refused.
    /// </summary>
    public static async Task<IReadOnlyList<CategoryOption>> LoadToBrowseAsync(MarketplaceApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Of(await api.GetCategoriesToBrowseAsync(cancellationToken));
    }

    private static IReadOnlyList<CategoryOption> Of(ApiAnswer<List<CategoryResponse>> categories) =>
        categories.Succeeded ? Flatten(categories.Value) : [];

    /// <summary>A listing's category as a person reads it: its name, else its slug, else the legacy category.</summary>
    public static string NameOf(IReadOnlyList<CategoryOption> options, ListingResponse listing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listing);
        return options.FirstOrDefault(c => c.Slug == listing.CategorySlug)?.Name ?? listing.CategorySlug ?? listing.Category.ToString();
    }
}
