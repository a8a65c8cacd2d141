using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/users/{id}/suspend</c>: the step before a suspension, with its reason (required: the account is mailed
/// it). A plain form; "No" goes back without a change.
/// </summary>
public sealed class SuspendUserModel(MarketplaceApiClient api) : AdminPageModel
{
    public AdminUserResponse Account { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        CheckReason(nameof(Reason), Reason, "Enter the reason for suspending the account: its owner reads it.");
        if (Account.User.SuspendedAt is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminSuspendUserAsync(id, Reason!.Trim(), cancellationToken);
        if (answer.Succeeded)
        {
            return Done($"{Account.User.DisplayName} is suspended: signed out everywhere, their listings hidden, and told by mail.", $"/admin/users/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["reason"] = nameof(Reason) }, FormPurpose.AdminModerateUser);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var answer = await api.AdminGetUserAsync(id, cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Account = Required(answer);
        return true;
    }
}
