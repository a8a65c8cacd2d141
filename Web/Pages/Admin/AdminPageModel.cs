using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// What every admin page shares: the notice after an action (post-redirect-get), and the Api's 403 (the session's role
/// was taken away since its token was issued) shown as the 404 that anyone who is not an admin finds here.
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>The longest reason the Api keeps for a removal, a suspension or a role change.</summary>
    public const int ReasonMaxLength = Contracts.Admin.AdminRules.ReasonMaxLength;

    protected RedirectResult Done(string notice, string url)
    {
        TempData["Notice"] = notice;
        return Redirect(url);
    }

    /// <summary>The Api no longer takes this session as an admin's, or the thing is gone: the page is not found.</summary>
    protected static bool IsNotFound(ApiProblem problem) =>
        problem?.Status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound;

    /// <summary>A read the page cannot do without: a refusal other than 403/404 is the Api misbehaving, not the visitor's doing.</summary>
    protected static T Required<T>(ApiAnswer<T> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Succeeded ? answer.Value : throw new ApiUnavailableException(answer.Problem.Message);
    }

    /// <summary>A required reason typed into a form: a field error when it is blank or too long.</summary>
    protected void CheckReason(string key, string? reason, string blank, int maxLength = ReasonMaxLength)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError(key, blank);
        }
        else if (reason.Trim().Length > maxLength)
        {
            ModelState.AddModelError(key, $"Write at most {maxLength:N0} characters (you wrote {reason.Trim().Length:N0}).");
        }
    }
}
