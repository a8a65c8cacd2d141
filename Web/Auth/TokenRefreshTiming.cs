namespace Marketplace.Web.Auth;

/// <summary>
/// When to exchange the refresh token: a little before the access token expires, so a request that starts with a
/// token about to expire does not meet a 401 halfway (a page may call the Api several times).
/// </summary>
public static class TokenRefreshTiming
{
    /// <summary>How long before expiry a session refreshes its tokens.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    public static bool IsDue(DateTimeOffset accessTokenExpiresAt, DateTimeOffset now) => now >= accessTokenExpiresAt - Margin;
}
