using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Marketplace.Web.Pages.Listings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Selling;

/// <summary>The seller's listings, a tab per status; publish a draft, mark an active one sold, archive any.</summary>
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

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, ListingStatus.Active, "is published", cancellationToken);

    public Task<IActionResult> OnPostSoldAsync(long id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, ListingStatus.Sold, "is marked as sold", cancellationToken);

    public async Task<IActionResult> OnPostArchiveAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.ArchiveListingAsync(id, cancellationToken);
        return await AfterAsync(answer.Problem, "The listing is archived.", cancellationToken);
    }

    private async Task<IActionResult> ChangeStatusAsync(long id, ListingStatus status, string done, CancellationToken cancellationToken)
    {
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return await AfterAsync(listing.Problem, "", cancellationToken);
        }

        var answer = await api.UpdateListingAsync(id, ListingInput.From(listing.Value).ToRequest(ModelState, status), cancellationToken);
        return await AfterAsync(answer.Problem, $"\"{listing.Value.Title}\" {done}.", cancellationToken);
    }

    // Post-redirect-get back to the tab the button was on; a refusal is shown on that tab instead.
    private async Task<IActionResult> AfterAsync(ApiProblem? problem, string notice, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { status = Status });
        }

        ModelState.AddProblem(problem, new Dictionary<string, string>());
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await api.MyListingsAsync(Status, Cursor, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, new Dictionary<string, string>());
            return;
        }

        Items = page.Value.Items;
        NextCursor = page.Value.NextCursor;
    }
}
