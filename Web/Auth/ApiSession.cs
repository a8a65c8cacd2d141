using System.Globalization;
using System.Security.Claims;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Auth;

/// <summary>
/// A visitor's session: the Web's own cookie (encrypted by Data Protection, HTTP-only, SameSite=Lax, Secure over HTTPS)
/// whose ticket holds the Api's access and refresh tokens; <see cref="ApiSessionCookieEvents"/> refreshes them before
/// the access token expires and ends the session when the Api refuses.
/// </summary>
public static class ApiSession
{
    public const string CookieName = "marketplace.session";

    public const string AccessTokenName = "access_token";

    public const string AccessTokenExpiresAtName = "expires_at";

    public const string RefreshTokenName = "refresh_token";

    public const string RefreshTokenExpiresAtName = "refresh_token_expires_at";

    public const string SignInPath = "/account/sign-in";

    public static IHostApplicationBuilder AddApiSession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApiSessionCookieEvents>();
        builder.Services.AddSingleton<TokenRefreshGate>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInPath;
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = SignInPath;
                options.ReturnUrlParameter = "returnUrl";

                // The session lasts as long as the Api's refresh token does (set per sign-in); the cookie is renewed with each refresh.
                options.SlidingExpiration = false;
                options.EventsType = typeof(ApiSessionCookieEvents);
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>Starts the visitor's session with the pair the Api's login answered.</summary>
    public static Task SignInAsync(HttpContext httpContext, AccessTokenResponse tokens)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var properties = new AuthenticationProperties { IsPersistent = true, AllowRefresh = true };
        Store(properties, tokens);
        return httpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccessTokenClaims.PrincipalOf(tokens.AccessToken), properties);
    }

    /// <summary>
    /// Exchanges the session's refresh token now, rather than when the access token is due, so that the pages show at
    /// once what changed about the account (a new display name, a verified address). False when the Api refused: the
    /// session is over.
    /// </summary>
    public static async Task<bool> RefreshNowAsync(HttpContext httpContext, MarketplaceApiClient api, TokenRefreshGate gate)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(gate);
        if (await httpContext.GetTokenAsync(RefreshTokenName) is not { Length: > 0 } refreshToken)
        {
            return false;
        }

        AccessTokenResponse? fresh;
        try
        {
            fresh = await gate.RefreshAsync(refreshToken, token => ExchangeAsync(api, token));
        }
        catch (ApiUnavailableException)
        {
            return false;
        }

        if (fresh is null)
        {
            return false;
        }

        await SignInAsync(httpContext, fresh);
        return true;
    }

    /// <summary>
    /// Presents a refresh token to the Api: the new pair, or null when the Api refused the token (the session is over).
    /// A 429 is a pause, not a refusal: it throws <see cref="ApiUnavailableException"/>, so the gate forgets it and a later
    /// request tries again. Not the visitor's request token: requests sharing the exchange must not fail because the
    /// first one was aborted.
    /// </summary>
    public static async Task<AccessTokenResponse?> ExchangeAsync(MarketplaceApiClient api, string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            var answer = await api.RefreshAsync(refreshToken, CancellationToken.None);
            if (answer.Succeeded)
            {
                return answer.Value;
            }

            if (answer.Problem.Status == StatusCodes.Status429TooManyRequests)
            {
                throw new ApiUnavailableException(answer.Problem.Message, answer.Problem.RetryAfter);
            }

            return null;
        }
        catch (ApiSignInRequiredException)
        {
            return null;
        }
    }

    /// <summary>
    /// Shows <paramref name="displayName"/> on this session's pages now when no refresh could be had (the Api limits
    /// refreshes with the other anonymous calls): the ticket keeps its tokens, and its next refresh brings the name too.
    /// </summary>
    public static async Task RenameAsync(HttpContext httpContext, string displayName)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var ticket = await httpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (ticket is not { Succeeded: true, Principal.Identity: ClaimsIdentity identity })
        {
            return;
        }

        var renamed = identity.Clone();
        foreach (var name in renamed.FindAll(ClaimTypes.Name).ToList())
        {
            renamed.RemoveClaim(name);
        }

        renamed.AddClaim(new Claim(ClaimTypes.Name, displayName));
        await httpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(renamed), ticket.Properties);
    }

    /// <summary>Puts a pair of tokens in the ticket; the cookie lives as long as the refresh token.</summary>
    public static void Store(AuthenticationProperties properties, AccessTokenResponse tokens)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(tokens);
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessTokenName, Value = tokens.AccessToken },
            new AuthenticationToken { Name = AccessTokenExpiresAtName, Value = tokens.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
            new AuthenticationToken { Name = RefreshTokenName, Value = tokens.RefreshToken },
            new AuthenticationToken { Name = RefreshTokenExpiresAtName, Value = tokens.RefreshTokenExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
        ]);
        properties.ExpiresUtc = tokens.RefreshTokenExpiresAt;
    }

    /// <summary>When the ticket's access token expires; null for a ticket without one (then it is no session of ours).</summary>
    public static DateTimeOffset? AccessTokenExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties?.GetTokenValue(AccessTokenExpiresAtName), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
