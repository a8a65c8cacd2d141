using Marketplace.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// Signing out is a POST (a link could be followed by anything); a GET shows the button, or says nobody is signed in.
/// The Api ends the session first, so a copy of the cookie (its refresh token) stops working too, not only this one.
/// </summary>
public sealed class SignOutModel(MarketplaceApiClient api) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Page();
        }

        try
        {
            // Any problem answered (a session the Api already ended; a token of the release before sessions had ids; the
            // previous Api, which has no such endpoint) leaves nothing more to end here than the cookie.
            await api.SignOutAsync(cancellationToken);
        }
        catch (ApiSignInRequiredException)
        {
            // The session was over already.
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData["Notice"] = "You are signed out.";
        return LocalRedirect("/");
    }
}
