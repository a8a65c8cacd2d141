using System.Globalization;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The account page: the address and whether it is verified (with a new link when it is not), the display name, a new
/// email address (switched to when the link mailed to it is followed), a new password, signing out everywhere and here.
/// Each its own form, all with the one error display.
/// </summary>
public sealed class IndexModel(MarketplaceApiClient api, TokenRefreshGate gate) : PageModel
{
    public AccountResponse Account { get; private set; } = null!;

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? EmailPassword { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? DeletePassword { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // A form shown again (its token no longer fitted) keeps what was typed; a plain visit shows the current name.
        if (HttpMethods.IsGet(Request.Method))
        {
            DisplayName = Account.DisplayName;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDisplayNameAsync(CancellationToken cancellationToken)
    {
        AccountChecks.DisplayName(ModelState, nameof(DisplayName), DisplayName);
        if (ModelState.IsValid)
        {
            var answer = await api.ChangeDisplayNameAsync(DisplayName!.Trim(), cancellationToken);
            if (answer.Succeeded)
            {
                // A fresh session carries the new name, so that the header says it at once; without one (the Api may
                // limit refreshes), the ticket is given the name itself.
                if (!await ApiSession.RefreshNowAsync(HttpContext, api, gate))
                {
                    await ApiSession.RenameAsync(HttpContext, answer.Value.DisplayName);
                }
                return Done($"Your display name is now {answer.Value.DisplayName}.");
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["displayName"] = nameof(DisplayName) }, FormPurpose.DisplayName);
        }

        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        AccountChecks.Email(ModelState, nameof(NewEmail), NewEmail);
        AccountChecks.CurrentPassword(ModelState, nameof(EmailPassword), EmailPassword, "Enter your password, to confirm it is you.");
        if (ModelState.IsValid)
        {
            var answer = await api.ChangeEmailAsync(NewEmail!.Trim(), EmailPassword!, cancellationToken);
            if (answer.Succeeded)
            {
                return Done($"We sent a link to {NewEmail.Trim()}. Your address changes when you open it; until then it stays as it is.");
            }

            if (answer.Problem.Status == StatusCodes.Status409Conflict)
            {
                ModelState.AddModelError(nameof(NewEmail), PersonMessages.ForProblem(answer.Problem, FormPurpose.ChangeEmail));
            }
            else
            {
                ModelState.AddProblem(answer.Problem, new Dictionary<string, string>
                {
                    ["newEmail"] = nameof(NewEmail),
                    ["currentPassword"] = nameof(EmailPassword),
                }, FormPurpose.ChangeEmail);
            }
        }

        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        AccountChecks.CurrentPassword(ModelState, nameof(CurrentPassword), CurrentPassword, "Enter your current password.");
        AccountChecks.NewPassword(ModelState, nameof(NewPassword), NewPassword);
        if (ModelState.IsValid)
        {
            var answer = await api.ChangePasswordAsync(CurrentPassword!, NewPassword!, cancellationToken);
            if (answer.Succeeded)
            {
                // Every other session ended; this one goes on with the pair the Api answered.
                await ApiSession.SignInAsync(HttpContext, answer.Value);
                return Done("Your password is changed. You are still signed in here; everywhere else you are signed out.");
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>
            {
                ["currentPassword"] = nameof(CurrentPassword),
                ["newPassword"] = nameof(NewPassword),
            }, FormPurpose.ChangePassword);
        }

        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var answer = await api.ResendVerificationAsync(cancellationToken);
        if (answer.Succeeded)
        {
            return Done("We sent you a new link. Links sent before it no longer work.");
        }

        ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.ResendVerification);
        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        var answer = await api.SignOutEverywhereAsync(cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.SignOutEverywhere);
            return await ShowAgainAsync(cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData["Notice"] = "You are signed out everywhere, here too.";
        return LocalRedirect("/");
    }

    /// <summary>The account's data as a JSON file, named for the day (a download: the page stays as it is).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var answer = await api.ExportMyDataAsync(cancellationToken);
        if (!answer.Succeeded)
        {
            throw new ApiUnavailableException(answer.Problem.Message);
        }

        Response.Headers.CacheControl = "no-store";
        var json = JsonSerializer.SerializeToUtf8Bytes(answer.Value, IndentedJson);
        var day = answer.Value.GetProperty("exportedAt").GetDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(json, "application/json", $"marketplace-account-{day}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        AccountChecks.CurrentPassword(ModelState, nameof(DeletePassword), DeletePassword, "Enter your password, to confirm you want to delete your account.");
        if (ModelState.IsValid)
        {
            var answer = await api.DeleteMyAccountAsync(DeletePassword!, cancellationToken);
            if (answer.Succeeded)
            {
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                TempData["Notice"] = "Your account is deleted. Your listings are no longer shown, and we will not mail you again.";
                return LocalRedirect("/");
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["currentPassword"] = nameof(DeletePassword) }, FormPurpose.DeleteAccount);
        }

        return await ShowAgainAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private RedirectToPageResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var account = await api.GetAccountAsync(cancellationToken);
        // The Api answers 401 (handled as signing in again) or the account; anything else is its own failure.
        Account = account.Succeeded ? account.Value : throw new ApiUnavailableException(account.Problem.Message);
    }
}
