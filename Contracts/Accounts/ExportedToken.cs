namespace Marketplace.Contracts.Accounts;

/// <summary>A token or a mailed link, in an <see cref="AccountExport"/>: its times, never the token.</summary>
/// <param name="Email">The address a link was mailed for; null for a refresh token and a reset link.</param>
/// <param name="RevokedAt">When a refresh token was revoked (its session ended); null otherwise.</param>
public sealed record ExportedToken(string? Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);
