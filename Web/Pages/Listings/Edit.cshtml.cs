using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// Edit a listing's fields; its status stays as it is (publish, mark sold and archive have their own buttons). Its
/// seller's only: anyone else gets a 404 before anything of the listing is shown. An archived listing is relisted first.
/// </summary>
public sealed class EditModel(MarketplaceApiClient api, Money money) : PageModel
{
    [BindProperty]
    public ListingInput Input { get; set; } = new();

    public ListingResponse Listing { get; private set; } = null!;

    public ListingFormData Form { get; private set; } = ListingFormData.None;

    public bool IsArchived => Listing.Status == ListingStatus.Archived || Listing.RemovedAt is not null;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // A form shown again (its token no longer fitted) keeps what was typed; a plain visit starts from the listing.
        if (HttpMethods.IsGet(Request.Method))
        {
            Input = ListingInput.From(Listing);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsArchived && Input.Check(ModelState))
        {
            var answer = await api.UpdateListingAsync(id, Input.ToRequest(status: null), cancellationToken);
            if (answer.Succeeded)
            {
                TempData["Notice"] = "Your changes are saved.";
                return Redirect($"/listings/{id}");
            }

            ModelState.AddProblem(answer.Problem, ListingInput.Fields, FormPurpose.EditListing);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await OwnListing.LoadAsync(api, User, id, cancellationToken) is not { } listing)
        {
            return false;
        }

        Listing = listing;
        Form = await ListingFormData.LoadAsync(api, money, cancellationToken);
        return true;
    }
}
