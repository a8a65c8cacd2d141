using System.Globalization;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// Sell, step 2: the listing's photos (add several at once, describe, move, delete after asking), then publish it.
/// Every action is a plain form post (post-redirect-get); script only adds previews of the chosen files. Its seller's
/// only (anyone else gets a 404 before anything is shown); an archived listing's photos wait until it is relisted.
/// </summary>
public sealed class PhotosModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> UploadFields = new() { [ListingImageRules.FilesField] = nameof(Files) };

    // Each photo has a description field of its own; the problem is said above the form, naming the photo.
    private static readonly Dictionary<string, string> DescribeFields = new() { ["altText"] = ProblemModelState.FormKey };

    public ListingResponse Listing { get; private set; } = null!;

    public IReadOnlyList<ListingImageResponse> Images => Listing.Images ?? [];

    public bool IsDraft => Listing.Status == ListingStatus.Draft;

    public bool IsArchived => Listing.Status == ListingStatus.Archived || Listing.RemovedAt is not null;

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? AltText { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), "Choose one or more photos first.");
            return Page();
        }

        var answer = await api.UploadImagesAsync(id, Files, cancellationToken);
        return await AfterAsync(id, answer.Problem, UploadFields, Files.Count == 1 ? "The photo is added." : $"{Files.Count} photos are added.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDescribeAsync(long id, long imageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(AltText))
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            var number = Images.Select(i => i.Id).ToList().IndexOf(imageId) + 1;
            ModelState.AddModelError(ProblemModelState.FormKey, string.Create(CultureInfo.InvariantCulture,
                $"Describe photo {number} in a few words: what someone who cannot see it should know."));
            return Page();
        }

        return await AfterAsync(id, (await api.DescribeImageAsync(id, imageId, AltText, cancellationToken)).Problem, DescribeFields, "The description is saved.", cancellationToken);
    }

    /// <summary>Moves a photo one place earlier (<paramref name="by"/> = -1) or later (+1); the first is the thumbnail.</summary>
    public async Task<IActionResult> OnPostMoveAsync(long id, long imageId, int by, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var order = Images.Select(i => i.Id).ToList();
        var from = order.IndexOf(imageId);
        var to = from + Math.Sign(by);
        if (from < 0 || to < 0 || to >= order.Count)
        {
            return Redirect($"/listings/{id}/photos");
        }

        (order[from], order[to]) = (order[to], order[from]);
        return await AfterAsync(id, (await api.ReorderImagesAsync(id, order, cancellationToken)).Problem, [], "The photos are reordered.", cancellationToken);
    }

    /// <summary>Publish: the same fields, status Active.</summary>
    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var answer = await api.UpdateListingAsync(id, ListingInput.From(Listing).ToRequest(ListingStatus.Active), cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.ChangeListing);
            return Page();
        }

        TempData["Notice"] = "Your listing is published.";
        return Redirect($"/listings/{id}");
    }

    private async Task<IActionResult> AfterAsync(long id, ApiProblem? problem, Dictionary<string, string> fields, string notice, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Notice"] = notice;
            return Redirect($"/listings/{id}/photos");
        }

        ModelState.AddProblem(problem, fields, FormPurpose.Photos);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    // Only the seller works on a listing's photos; anyone else finds no such page.
    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await OwnListing.LoadAsync(api, User, id, cancellationToken) is not { } listing)
        {
            return false;
        }

        Listing = listing;
        return true;
    }
}
