using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The page the link mailed to an account's previous address opens (<c>/revert-email?token=</c>), after its address
/// changed: the GET changes nothing, the POST puts the address back with a new password and ends every session.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RevertEmailModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["token"] = ProblemModelState.FormKey,
        ["newPassword"] = nameof(NewPassword),
    };

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public void OnGet() => Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AccountChecks.NewPassword(ModelState, nameof(NewPassword), NewPassword);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.RevertEmailChangeAsync(Token ?? "", NewPassword!, cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, Fields, FormPurpose.RevertEmail);
            return Page();
        }

        TempData["Notice"] = "Your account is back on this email address, and everyone was signed out of it. Sign in with your new password.";
        return RedirectToPage("/Account/SignIn");
    }
}
