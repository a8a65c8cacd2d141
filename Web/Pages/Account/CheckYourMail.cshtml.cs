using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>After registering: a link is on its way. Signed in, the visitor can ask for a new one.</summary>
public sealed class CheckYourMailModel(MarketplaceApiClient api) : PageModel
{
    public const string EmailKey = "RegisteredEmail";

    public string? Email { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet() => Email = TempData[EmailKey] as string;

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var answer = await api.ResendVerificationAsync(cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>(), FormPurpose.ResendVerification);
            return Page();
        }

        TempData["Notice"] = "We sent you a new link. Links sent before it no longer work.";
        return RedirectToPage();
    }
}
