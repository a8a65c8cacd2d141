namespace Marketplace.Data.Entities;

/// <summary>
/// A signed-in session: one sign-in and the refresh tokens descended from it (their <see cref="RefreshToken.FamilyId"/>
/// is this <see cref="Id"/>). Every access token names it (the <c>sid</c> claim), so ending one session refuses its
/// access and refresh tokens at once, and no refresh carries a session past <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    /// <summary>When the person signed in.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The session's maximum age: no token of it lives past this, however often it was refreshed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was ended (signing out, everywhere, a new password, a suspension, a stolen refresh token).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
