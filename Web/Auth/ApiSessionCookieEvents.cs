using Marketplace.Contracts.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Auth;

/// <summary>
/// Keeps a session's Api tokens fresh: on each request whose access token is within <see cref="TokenRefreshTiming.Margin"/>
/// of expiring, exchanges the refresh token (<c>POST /api/auth/refresh</c>) and re-issues the cookie with the new pair.
/// The Api refusing the refresh token (revoked, reused, expired) ends the session here too. The Api being unreachable
/// leaves the session as it is: the page meets the outage itself.
/// </summary>
public sealed partial class ApiSessionCookieEvents(
    MarketplaceApiClient api, TokenRefreshGate gate, TimeProvider timeProvider, ILogger<ApiSessionCookieEvents> logger)
    : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ApiSession.AccessTokenExpiresAt(context.Properties) is not { } expiresAt
            || context.Properties.GetTokenValue(ApiSession.RefreshTokenName) is not { Length: > 0 } refreshToken)
        {
            await EndAsync(context);
            return;
        }

        if (!TokenRefreshTiming.IsDue(expiresAt, timeProvider.GetUtcNow()))
        {
            return;
        }

        AccessTokenResponse? fresh;
        try
        {
            fresh = await gate.RefreshAsync(refreshToken, token => ApiSession.ExchangeAsync(api, token));
        }
        catch (ApiUnavailableException)
        {
            return;
        }

        if (fresh is null)
        {
            LogSessionEnded(logger);
            await EndAsync(context);
            return;
        }

        ApiSession.Store(context.Properties, fresh);
        context.ReplacePrincipal(AccessTokenClaims.PrincipalOf(fresh.AccessToken));
        context.ShouldRenew = true;
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Api refused a session's refresh token; the session ends")]
    private static partial void LogSessionEnded(ILogger logger);
}
