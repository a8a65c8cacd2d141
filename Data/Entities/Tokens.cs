namespace Marketplace.Data.Entities;

/// <summary>A single-use token mailed to a user; only the SHA-256 of the token is stored.</summary>
public abstract class UserToken
{
    /// <summary>SHA-256 is 32 bytes.</summary>
    public const int TokenHashLength = 32;

    public long Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class VerificationToken : UserToken
{
    /// <summary>The address the token was mailed to; following it verifies that address (and switches to it, after a change of email).</summary>
    public string? Email { get; set; }
}

public sealed class PasswordResetToken : UserToken;

/// <summary>
/// A rotating refresh token: single use, exchanged for a new access and refresh token pair. Every token descended from
/// one login shares a family; presenting a used one again revokes the whole family.
/// </summary>
public sealed class RefreshToken : UserToken
{
    public Guid FamilyId { get; set; }

    /// <summary>When the family was revoked (reuse, sign-out, a password change); a revoked token is refused.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// The link mailed to an account's previous address when its address changes: for 7 days it puts the account back on
/// <see cref="Email"/>, ends every session and sets a new password. It survives later changes of password (whoever
/// moved the account may know the password); it goes when used, with the links mailed after it.
/// </summary>
public sealed class EmailChangeRevertToken : UserToken
{
    /// <summary>The address the account had, and gets back.</summary>
    public required string Email { get; set; }
}
