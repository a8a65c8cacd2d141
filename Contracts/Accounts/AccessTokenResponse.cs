namespace Marketplace.Contracts.Accounts;

/// <summary>
/// A bearer token for the Authorization header and when it stops being accepted; and a single-use refresh token that
/// POST /api/auth/refresh exchanges for the next pair, and when it expires.
/// </summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
