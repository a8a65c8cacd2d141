using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>Sell, step 1: the listing's fields. The Api saves it as a draft; step 2 adds its photos and publishes it.</summary>
public sealed class CreateModel(MarketplaceApiClient api) : PageModel
{
    [BindProperty]
    public ListingInput Input { get; set; } = new();

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadCategoriesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await api.CreateListingAsync(Input.ToRequest(ModelState, ListingStatus.Draft), cancellationToken);
        if (answer.Succeeded)
        {
            return RedirectToPage("/Listings/Photos", new { id = answer.Value.Id });
        }

        ModelState.AddProblem(answer.Problem, ListingInput.Fields);

        await LoadCategoriesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken) =>
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);
}
