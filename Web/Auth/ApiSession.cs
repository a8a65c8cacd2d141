using System.Globalization;
using Marketplace.Contracts.Accounts;
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
