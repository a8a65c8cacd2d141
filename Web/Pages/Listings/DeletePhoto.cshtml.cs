using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>Asks before a photo is deleted (a plain form, no script); the listing's seller only.</summary>
public sealed class DeletePhotoModel(MarketplaceApiClient api) : PageModel
{
    public ListingResponse Listing { get; private set; } = null!;

    public ListingImageResponse Image { get; private set; } = null!;

    public int Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, long imageId, CancellationToken cancellationToken) =>
        await LoadAsync(id, imageId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, long imageId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, imageId, cancellationToken))
        {
            return NotFound();
        }

        var answer = await api.DeleteImageAsync(id, imageId, cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.Photos);
            return Page();
        }

        TempData["Notice"] = "The photo is deleted.";
        return Redirect($"/listings/{id}/photos");
    }

    private async Task<bool> LoadAsync(long id, long imageId, CancellationToken cancellationToken)
    {
        if (await OwnListing.LoadAsync(api, User, id, cancellationToken) is not { } listing)
        {
            return false;
        }

        var images = listing.Images ?? [];
        var index = images.Select(i => i.Id).ToList().IndexOf(imageId);
        if (index < 0)
        {
            return false;
        }

        (Listing, Image, Number) = (listing, images[index], index + 1);
        return true;
    }
}
