using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>Sell, step 1: the listing's fields. The Api saves it as a draft; step 2 adds its photos and publishes it.</summary>
public sealed class CreateModel(MarketplaceApiClient api, Money money) : PageModel
{
    [BindProperty]
    public ListingInput Input { get; set; } = new();

    public ListingFormData Form { get; private set; } = ListingFormData.None;

    public bool MustVerifyEmail => AccessTokenClaims.MustVerifyEmail(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Form = await ListingFormData.LoadAsync(api, money, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Check(ModelState))
        {
            var answer = await api.CreateListingAsync(Input.ToRequest(ListingStatus.Draft), cancellationToken);
            if (answer.Succeeded)
            {
                return RedirectToPage("/Listings/Photos", new { id = answer.Value.Id });
            }

            ModelState.AddProblem(answer.Problem, ListingInput.Fields, FormPurpose.Sell);
        }

        Form = await ListingFormData.LoadAsync(api, money, cancellationToken);
        return Page();
    }
}
