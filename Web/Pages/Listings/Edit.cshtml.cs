using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>Edit a listing's fields; its status stays as it is (publish, mark sold and archive have their own buttons).</summary>
public sealed class EditModel(MarketplaceApiClient api) : PageModel
{
    [BindProperty]
    public ListingInput Input { get; set; } = new();

    public long Id { get; private set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return NotFound();
        }

        Input = ListingInput.From(listing.Value);
        await LoadCategoriesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        var answer = await api.UpdateListingAsync(id, Input.ToRequest(ModelState, status: null), cancellationToken);
        if (answer.Succeeded)
        {
            TempData["Notice"] = "Your changes are saved.";
            return Redirect($"/listings/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, ListingInput.Fields);

        await LoadCategoriesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken) =>
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);
}
