using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Home and search: words, a category from the tree (with its subcategories), a price range, a sort, cursor pages.</summary>
public sealed class IndexModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["q"] = nameof(Q),
        ["categorySlug"] = nameof(Category),
        ["minPrice"] = nameof(MinPrice),
        ["maxPrice"] = nameof(MaxPrice),
        ["sort"] = nameof(Sort),
        ["cursor"] = ProblemModelState.FormKey,
    };

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? MinPrice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? MaxPrice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public IReadOnlyList<ListingResponse> Results { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string CategoryName(ListingResponse listing) => CategoryOption.NameOf(Categories, listing);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);

        var page = await api.SearchAsync(new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["categorySlug"] = Category,
            ["minPrice"] = MinPrice,
            ["maxPrice"] = MaxPrice,
            ["sort"] = Sort,
            ["cursor"] = Cursor,
        }, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, Fields);
            return;
        }

        Results = page.Value.Items;
        NextCursor = page.Value.NextCursor;
    }

    /// <summary>This search's address with another cursor (null: the first page).</summary>
    public string PageUrl(string? cursor) => Url.Page("/Index", new { Q, Category, MinPrice, MaxPrice, Sort, Cursor = cursor }) ?? "/";
}
