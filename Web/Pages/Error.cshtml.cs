using System.Globalization;
using Marketplace.Web.Api;
using Marketplace.Web.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// What a visitor sees when a request failed: "briefly unavailable" (503 with Retry-After) when the Api is down or not
/// ready, else a plain apology (500). Never a stack trace, in any environment. Any method: a failed POST lands here too.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public bool Unavailable { get; private set; }

    public TimeSpan RetryAfter { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Unavailable = exception is ApiUnavailableException || Response.StatusCode == StatusCodes.Status503ServiceUnavailable;
        if (Unavailable)
        {
            RetryAfter = (exception as ApiUnavailableException)?.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : ErrorPages.DefaultRetryAfter;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Math.Ceiling(RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
