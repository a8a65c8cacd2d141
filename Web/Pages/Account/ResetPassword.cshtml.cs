using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>The page a reset link opens (<c>/reset-password?token=</c>): the GET changes nothing, the POST resets.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResetPasswordModel(MarketplaceApiClient api) : PageModel
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

        var answer = await api.ResetPasswordAsync(Token ?? "", NewPassword!, cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, Fields, FormPurpose.ResetPassword);
            return Page();
        }

        TempData["Notice"] = "Your password was changed. Sign in with the new one.";
        return RedirectToPage("/Account/SignIn");
    }
}
