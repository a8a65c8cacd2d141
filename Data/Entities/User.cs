namespace Marketplace.Data.Entities;

public sealed class User : ITimestamped
{
    public Guid Id { get; set; }

    /// <summary>The address as the user typed it.</summary>
    public required string Email { get; set; }

    /// <summary>Upper-invariant form of <see cref="Email"/>; its unique index makes emails unique case-insensitively.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; } = UserRole.User;
    public DateTimeOffset? EmailVerifiedAt { get; set; }

    /// <summary>
    /// Carried in every access token and raised whenever the tokens issued so far must stop working: a password reset or
    /// change, "sign out everywhere", a suspension. A token whose stamp is not the user's current one is refused.
    /// </summary>
    public int SecurityStamp { get; set; }

    /// <summary>When an admin suspended the account; while set, login is refused and the stamp refuses earlier tokens.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }

    /// <summary>
    /// When its owner deleted the account: the row stays (listings, reports and the admins' log name its id) with its
    /// address, name and password replaced, and nothing signs in as it again.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Listing> Listings { get; } = [];

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
