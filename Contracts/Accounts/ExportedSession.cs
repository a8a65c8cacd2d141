namespace Marketplace.Contracts.Accounts;

/// <summary>One sign-in, in an <see cref="AccountExport"/>.</summary>
/// <param name="ExpiresAt">Its maximum age: it ends then however often it is refreshed.</param>
/// <param name="RevokedAt">When it was ended (signing out, everywhere, a new password); null while it goes on.</param>
public sealed record ExportedSession(DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);
