using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/listings/{id}/remove</c>: the step before a removal, with its reason (required: its seller reads it in
/// the mail that tells them). A plain form; "No" goes back without a change.
/// </summary>
public sealed class RemoveListingModel(MarketplaceApiClient api) : AdminPageModel
{
    public AdminListingResponse Item { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        CheckReason(nameof(Reason), Reason, "Enter the reason for removing the listing: its seller reads it.");
        if (Item.Listing.RemovedAt is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminRemoveListingAsync(id, Reason!.Trim(), cancellationToken);
        if (answer.Succeeded)
        {
            return Done($"“{Item.Listing.Title}” is removed. Its seller gets a mail with your reason; its open reports are closed.", $"/admin/listings/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["reason"] = nameof(Reason) }, FormPurpose.AdminModerateListing);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.AdminGetListingAsync(id, cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Item = Required(answer);
        return true;
    }
}
