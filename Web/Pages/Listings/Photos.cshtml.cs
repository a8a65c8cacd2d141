using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>Sell, step 2: the draft's photos (add, describe, reorder, delete), then publish it.</summary>
public sealed class PhotosModel(MarketplaceApiClient api) : PageModel
{
    public ListingResponse Listing { get; private set; } = null!;

    public bool IsDraft => Listing.Status == ListingStatus.Draft;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Publish: the same fields, status Active.</summary>
    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var answer = await api.UpdateListingAsync(id, ListingInput.From(Listing).ToRequest(ModelState, ListingStatus.Active), cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>());
            return Page();
        }

        TempData["Notice"] = "Your listing is published.";
        return Redirect($"/listings/{id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return false;
        }

        Listing = listing.Value;
        return true;
    }
}
