using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Errors;

/// <summary>
/// The Api said 401 (the session ended: signed out everywhere, a password reset, a suspension, or never signed in): end
/// the Web's session too and send the visitor to sign in, coming back to this page afterwards.
/// </summary>
public sealed class ApiExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is ApiSignInRequiredException && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            var httpContext = context.HttpContext;
            if (httpContext.User.Identity?.IsAuthenticated == true)
            {
                await httpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            var request = httpContext.Request;
            var returnUrl = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            executed.Result = new RedirectResult($"{ApiSession.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
    }
}
