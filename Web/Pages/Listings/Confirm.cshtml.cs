using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// The page that asks before a listing changes in a way its seller may regret: archive it, mark it sold, delete a draft.
/// A plain form (no script); the listing's seller only, anyone else finds no such page.
/// </summary>
public sealed class ConfirmModel(MarketplaceApiClient api) : PageModel
{
    public const string Archive = "archive";
    public const string Sold = "sold";
    public const string Delete = "delete";

    public ListingResponse Listing { get; private set; } = null!;

    public string Change { get; private set; } = "";

    /// <summary>Whether the change fits the listing's state (a draft is deleted, not marked sold).</summary>
    public bool Applies => Change switch
    {
        Archive => Listing.Status != ListingStatus.Archived,
        Sold => Listing.Status == ListingStatus.Active,
        Delete => Listing.Status == ListingStatus.Draft,
        _ => false,
    } && Listing.RemovedAt is null;

    public async Task<IActionResult> OnGetAsync(long id, string change, CancellationToken cancellationToken) =>
        await LoadAsync(id, change, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, change, cancellationToken))
        {
            return NotFound();
        }

        if (!Applies)
        {
            return Page();
        }

        var (problem, notice, next) = Change switch
        {
            Archive => ((await api.ArchiveListingAsync(id, cancellationToken)).Problem,
                $"“{Listing.Title}” is archived. Buyers no longer see it; you can relist it from Archived.", "/me/listings?status=Archived"),
            Sold => ((await api.UpdateListingAsync(id, ListingInput.From(Listing).ToRequest(ListingStatus.Sold), cancellationToken)).Problem,
                $"“{Listing.Title}” is marked as sold.", $"/listings/{id}"),
            _ => ((await api.DeleteDraftAsync(id, cancellationToken)).Problem,
                $"The draft “{Listing.Title}” is deleted.", "/me/listings?status=Draft"),
        };
        if (problem is not null)
        {
            ModelState.AddProblem(problem, new Dictionary<string, string>(), FormPurpose.ChangeListing);
            return Page();
        }

        TempData["Notice"] = notice;
        return Redirect(next);
    }

    // The seller's own listing only; anyone else (and a change this page does not know) finds nothing here.
    private async Task<bool> LoadAsync(long id, string change, CancellationToken cancellationToken)
    {
        if (change is not (Archive or Sold or Delete))
        {
            return false;
        }

        if (await OwnListing.LoadAsync(api, User, id, cancellationToken) is not { } listing)
        {
            return false;
        }

        (Listing, Change) = (listing, change);
        return true;
    }
}
