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

public sealed class VerificationToken : UserToken;

public sealed class PasswordResetToken : UserToken;
