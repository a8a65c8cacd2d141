using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The page a verification link opens (<c>/verify-email?token=</c>). The GET changes nothing (mail scanners follow
/// links): its button posts the token, and the POST verifies. A visitor signed in here gets a fresh session at once,
/// so that the pages stop asking them to verify.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class VerifyEmailModel(MarketplaceApiClient api, TokenRefreshGate gate) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new() { ["token"] = ProblemModelState.FormKey };

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? VerifiedEmail { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet() => Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await api.VerifyEmailAsync(Token ?? "", cancellationToken);
        if (answer.Succeeded)
        {
            VerifiedEmail = answer.Value.Email;
            if (SignedIn)
            {
                await ApiSession.RefreshNowAsync(HttpContext, api, gate);
            }

            return Page();
        }

        ModelState.AddProblem(answer.Problem, Fields, FormPurpose.VerifyEmail);
        return Page();
    }
}
