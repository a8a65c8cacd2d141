using System.Globalization;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// A page of search results (the search, a category's page): words, a price range, a sort, and Previous and Next. The
/// prices are read by the one price rule before anything is asked (a wrong one is a field error, never guessed at).
/// </summary>
public abstract class ListingResultsModel(MarketplaceApiClient api) : PageModel
{
    public const string Newest = "newest";

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["q"] = nameof(Q),
        ["categorySlug"] = nameof(Category),
        ["minPrice"] = nameof(MinPrice),
        ["maxPrice"] = nameof(MaxPrice),
        ["sort"] = nameof(Sort),
        ["condition"] = nameof(Condition),
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

    /// <summary>The item's condition by its code name (<c>LikeNew</c>); blank for any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Condition { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<CategoryOption> Categories { get; protected set; } = [];

    public IReadOnlyList<ListingResponse> Results { get; private set; } = [];

    /// <summary>Whether the search was made (no field error stopped it).</summary>
    public bool Searched { get; private set; }

    public PagerLinks Pager { get; private set; } = new(null, null);

    /// <summary>Which of the results the signed-in visitor saved (their cards' hearts are full).</summary>
    public IReadOnlySet<long> Saved { get; private set; } = new HashSet<long>();

    /// <summary>The search as its filters stand, for "Save this search"; null while a filter has a problem.</summary>
    public SearchToSave? ToSave { get; private set; }

    /// <summary>Whether the visitor narrowed the results (the filters stay open on a phone then).</summary>
    public bool Filtered => !string.IsNullOrWhiteSpace(MinPrice) || !string.IsNullOrWhiteSpace(MaxPrice) || !string.IsNullOrWhiteSpace(Condition)
        || Sort is { Length: > 0 } and not Newest || !ModelState.IsValid;

    /// <summary>Whether the filter form offers the category (the search page) or keeps the page's own (a category's page).</summary>
    public abstract bool ChoosesCategory { get; }

    protected MarketplaceApiClient Api => api;

    public IEnumerable<ListingCard> Cards => ListingCard.Of(Results, l => CategoryOption.NameOf(Categories, l), Saved);

    /// <summary>This page's address with these filters and another cursor (null: the first page).</summary>
    public abstract string PageUrl(string? cursor);

    protected async Task LoadResultsAsync(string? categorySlug, CancellationToken cancellationToken)
    {
        var lowest = Prices.Read(MinPrice);
        var highest = Prices.Read(MaxPrice);
        if (lowest.Error is { } low)
        {
            ModelState.AddModelError(nameof(MinPrice), low);
        }

        if (highest.Error is { } high)
        {
            ModelState.AddModelError(nameof(MaxPrice), high);
        }

        var condition = Presentation.ConditionWords.Read(Condition);
        if (!string.IsNullOrWhiteSpace(Condition) && condition is null)
        {
            ModelState.AddModelError(nameof(Condition), "Choose a condition from the list.");
        }

        if (lowest.Amount > highest.Amount)
        {
            ModelState.AddModelError(nameof(MaxPrice), "Enter a highest price that is not below the lowest price.");
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        var page = await api.SearchAsync(new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["categorySlug"] = categorySlug,
            ["minPrice"] = lowest.Amount?.ToString(CultureInfo.InvariantCulture),
            ["maxPrice"] = highest.Amount?.ToString(CultureInfo.InvariantCulture),
            ["condition"] = condition?.ToString(),
            ["sort"] = Sort,
            ["cursor"] = Cursor,
        }, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, Fields, FormPurpose.Search);
            return;
        }

        Searched = true;
        Results = page.Value.Items;
        Saved = await SavedListingIds.AmongAsync(api, User, Results.Select(l => l.Id), cancellationToken);
        ToSave = new SearchToSave(Q, categorySlug, lowest.Amount, highest.Amount, condition, PageUrl(cursor: null));
        Pager = new PagerLinks(
            page.Value.PreviousCursor is { } previous ? PageUrl(previous) : null,
            page.Value.NextCursor is { } next ? PageUrl(next) : null);
    }
}
