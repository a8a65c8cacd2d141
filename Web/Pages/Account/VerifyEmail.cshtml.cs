using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The page a verification link opens (<c>/verify-email?token=</c>). The GET changes nothing (mail scanners follow
/// links): its button posts the token, and the POST verifies.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class VerifyEmailModel(MarketplaceApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? VerifiedEmail { get; private set; }

    public void OnGet() => Response.Headers["Referrer-Policy"] = "no-referrer";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await api.VerifyEmailAsync(Token ?? "", cancellationToken);
        if (answer.Succeeded)
        {
            VerifiedEmail = answer.Value.Email;
            return Page();
        }

        ModelState.AddModelError(ProblemModelState.FormKey, answer.Problem.Status switch
        {
            StatusCodes.Status409Conflict => "Another account uses this address now, so yours keeps its current one.",
            StatusCodes.Status429TooManyRequests => ProblemModelState.TooManyRequests(answer.Problem.RetryAfter),
            _ => "This link is not valid: it was already used, has expired, or was copied incompletely. Sign in and ask for a new one.",
        });
        return Page();
    }
}
