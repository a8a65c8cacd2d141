using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/listings/{id}</c>: one listing in any state as an admin reviews it: as buyers see it, its seller, its open
/// reports, and why it was removed. Removing asks first (its own page); restoring is done here, with an optional reason.
/// </summary>
public sealed class ListingModel(MarketplaceApiClient api) : AdminPageModel
{
    public AdminListingResponse Item { get; private set; } = null!;

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    [BindProperty]
    public string? RestoreReason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken)
    {
        if (RestoreReason?.Trim().Length > ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(RestoreReason), $"Write at most {ReasonMaxLength} characters.");
        }

        if (ModelState.IsValid)
        {
            var answer = await api.AdminRestoreListingAsync(id, string.IsNullOrWhiteSpace(RestoreReason) ? null : RestoreReason.Trim(), cancellationToken);
            if (answer.Succeeded)
            {
                return Done("The listing is restored: buyers find it again, and its seller is told by mail.", $"/admin/listings/{id}");
            }

            if (answer.Problem.Status == StatusCodes.Status403Forbidden)
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["reason"] = nameof(RestoreReason) }, FormPurpose.AdminModerateListing);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.AdminGetListingAsync(id, cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Item = Required(answer);
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);
        return true;
    }
}
