using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Marketplace.Web.Pages.Listings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Selling;

/// <summary>
/// The seller's listings, a tab per status, as cards: publish a draft or relist an archived one here; marking sold,
/// archiving and deleting a draft ask first, on their own page.
/// </summary>
public sealed class ListingsModel(MarketplaceApiClient api) : PageModel
{
    public static readonly IReadOnlyList<(ListingStatus Status, string Label)> Tabs =
    [
        (ListingStatus.Draft, "Drafts"),
        (ListingStatus.Active, "Active"),
        (ListingStatus.Sold, "Sold"),
        (ListingStatus.Archived, "Archived"),
    ];

    [BindProperty(SupportsGet = true)]
    public ListingStatus Status { get; set; } = ListingStatus.Active;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<ListingResponse> Items { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    public string TabLabel => Tabs.First(t => t.Status == Status).Label;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return await AfterAsync(listing.Problem, "", cancellationToken);
        }

        var answer = await api.UpdateListingAsync(id, ListingInput.From(listing.Value).ToRequest(ListingStatus.Active), cancellationToken);
        return await AfterAsync(answer.Problem, $"“{listing.Value.Title}” is published.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRelistAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.RelistListingAsync(id, cancellationToken);
        return await AfterAsync(answer.Problem, answer.Succeeded ? $"“{answer.Value.Title}” is for sale again." : "", cancellationToken);
    }

    /// <summary>The address of a tab's page (a cursor for pages after the first).</summary>
    public static string TabUrl(ListingStatus status, string? cursor = null) =>
        $"/me/listings?status={status}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));

    // Post-redirect-get back to the tab the button was on; a refusal is shown on that tab instead.
    private async Task<IActionResult> AfterAsync(ApiProblem? problem, string notice, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Notice"] = notice;
            return Redirect(TabUrl(Status));
        }

        ModelState.AddProblem(problem, new Dictionary<string, string>(), FormPurpose.ChangeListing);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await api.MyListingsAsync(Status, Cursor, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, new Dictionary<string, string> { ["cursor"] = ProblemModelState.FormKey }, FormPurpose.MyListings);
            return;
        }

        Items = page.Value.Items;
        Pager = new PagerLinks(
            page.Value.PreviousCursor is { } previous ? TabUrl(Status, previous) : null,
            page.Value.NextCursor is { } next ? TabUrl(Status, next) : null);
    }
}
