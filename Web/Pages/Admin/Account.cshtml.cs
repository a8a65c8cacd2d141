using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/users/{id}</c>: one account as an admin reviews it: joined, verified, its listings, the reports against
/// them, what admins did before. Suspending asks first (its own page); reinstating and changing the role are done here.
/// The last admin who is not suspended keeps the role: the Api refuses, and the page says so next to the role.
/// </summary>
public sealed class AccountModel(MarketplaceApiClient api) : AdminPageModel
{
    public AdminUserResponse Account { get; private set; } = null!;

    [BindProperty]
    public UserRole? Role { get; set; }

    [BindProperty]
    public string? RoleReason { get; set; }

    [BindProperty]
    public string? ReinstateReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Role ??= Account.User.Role;
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Role is not { } role || !Enum.IsDefined(role))
        {
            ModelState.Remove(nameof(Role));
            ModelState.AddModelError(nameof(Role), "Choose a role from the list.");
        }
        else if (role == Account.User.Role)
        {
            ModelState.AddModelError(nameof(Role), $"This account is {Describe(role)} already. Choose the other role to change it.");
        }

        if (RoleReason?.Trim().Length > ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(RoleReason), $"Write at most {ReasonMaxLength} characters.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminChangeUserRoleAsync(id, Role!.Value, string.IsNullOrWhiteSpace(RoleReason) ? null : RoleReason.Trim(), cancellationToken);
        if (answer.Succeeded)
        {
            return Done($"{Account.User.DisplayName} is {Describe(Role.Value)} now. They get the new role when they next sign in or within minutes.", $"/admin/users/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        // The last admin: the refusal is about the role chosen, so it stands next to that field.
        if (answer.Problem.Status == StatusCodes.Status409Conflict)
        {
            ModelState.AddModelError(nameof(Role), PersonMessages.ForProblem(answer.Problem, FormPurpose.AdminChangeRole));
        }
        else
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["role"] = nameof(Role), ["reason"] = nameof(RoleReason) }, FormPurpose.AdminChangeRole);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Role = Account.User.Role;
        if (ReinstateReason?.Trim().Length > ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(ReinstateReason), $"Write at most {ReasonMaxLength} characters.");
            return Page();
        }

        var answer = await api.AdminReinstateUserAsync(id, string.IsNullOrWhiteSpace(ReinstateReason) ? null : ReinstateReason.Trim(), cancellationToken);
        if (answer.Succeeded)
        {
            return Done($"{Account.User.DisplayName} is reinstated: they can sign in again, and their listings are back where buyers look.", $"/admin/users/{id}");
        }

        if (answer.Problem.Status == StatusCodes.Status403Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["reason"] = nameof(ReinstateReason) }, FormPurpose.AdminModerateUser);
        return Page();
    }

    public static string Describe(UserRole role) => role == UserRole.Admin ? "an admin" : "a user";

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
