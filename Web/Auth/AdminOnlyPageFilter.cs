using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Auth;

/// <summary>
/// The admin pages (<c>/admin/...</c>) exist only for a session whose access token carries the Admin role: anyone else,
/// signed in or not, finds the site's 404 page, so the area is not even announced. It runs before every other page
/// filter (a stale form is not shown again to someone who may not see it). The Api checks the role again on each call.
/// </summary>
public sealed class AdminOnlyPageFilter : IAsyncPageFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public static bool IsAdmin(System.Security.Claims.ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true && user.IsInRole(nameof(UserRole.Admin));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsAdmin(context.HttpContext.User))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
