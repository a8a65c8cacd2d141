using Marketplace.Contracts.Favourites;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Saved;

/// <summary>
/// The listings the visitor saved, latest first, each as it is now (still for sale, sold, no longer shown, removed);
/// and what every heart posts to: save or stop saving a listing, then back to the page the heart was on.
/// </summary>
public sealed class IndexModel(MarketplaceApiClient api) : PageModel
{
    public IReadOnlyList<FavouriteResponse> Items { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await api.GetFavouritesAsync(Cursor, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, new Dictionary<string, string> { ["cursor"] = ProblemModelState.FormKey }, FormPurpose.Favourite);
            return Page();
        }

        Items = page.Value.Items;
        // The Api pages forward only: the browser's Back goes back.
        Pager = new PagerLinks(
            null,
            page.Value.NextCursor is { } next ? "/saved?cursor=" + Uri.EscapeDataString(next) : null);
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(long listingId, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(listingId, saved: true, returnUrl, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(long listingId, string? returnUrl, CancellationToken cancellationToken) =>
        ChangeAsync(listingId, saved: false, returnUrl, cancellationToken);

    private async Task<IActionResult> ChangeAsync(long listingId, bool saved, string? returnUrl, CancellationToken cancellationToken)
    {
        var answer = await api.SaveFavouriteAsync(listingId, saved, cancellationToken);
        TempData["Notice"] = answer.Succeeded
            ? saved ? "Saved. Find it again under Saved." : "Removed from your saved listings."
            : PersonMessages.ForProblem(answer.Problem, FormPurpose.Favourite);
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/saved");
    }
}
