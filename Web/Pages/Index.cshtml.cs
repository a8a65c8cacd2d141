using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// The first page a visitor sees: the categories to browse, and the newest listings. A search address of before
/// (<c>/?q=lamp</c>) goes on to the search page with its filters.
/// </summary>
public sealed class IndexModel(MarketplaceApiClient api) : PageModel
{
    public const int NewestCount = 8;

    private static readonly string[] SearchKeys = ["q", "category", "minPrice", "maxPrice", "condition", "sort", "cursor"];

    public IReadOnlyList<CategoryResponse> Roots { get; private set; } = [];

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public IReadOnlyList<ListingResponse> Newest { get; private set; } = [];

    public IReadOnlySet<long> Saved { get; private set; } = new HashSet<long>();

    public IEnumerable<ListingCard> Cards => ListingCard.Of(Newest, l => CategoryOption.NameOf(Categories, l), Saved);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (SearchKeys.Any(key => Request.Query.ContainsKey(key)))
        {
            return Redirect("/search" + Request.QueryString);
        }

        var tree = await api.GetCategoriesToBrowseAsync(cancellationToken);
        if (tree.Succeeded)
        {
            Roots = tree.Value;
            Categories = CategoryOption.Flatten(tree.Value);
        }

        var newest = await api.SearchAsync(new Dictionary<string, string?>(), cancellationToken, limit: NewestCount);
        Newest = newest.Succeeded ? newest.Value.Items : [];
        Saved = await SavedListingIds.AmongAsync(api, User, Newest.Select(l => l.Id), cancellationToken);
        return Page();
    }
}
