namespace Marketplace.Data.Entities;

public sealed class User : ITimestamped
{
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;
    public const int SuspensionReasonMaxLength = 500;

    /// <summary>The registration rules for a password, shared by the Api and the worker's create-admin.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>Bounds the hashing work one request can ask for.</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>
    /// An address as JSON Schema's <c>email</c> format and its validators read it (RFC 5321's dot-atom local part, a
    /// host name with at least one dot), so that every email the Api answers with is one its document promises.
    /// Surrounding spaces are allowed and trimmed.
    /// </summary>
    public const string EmailPattern =
        @"^\s*[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\s*$";

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

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Listing> Listings { get; } = [];

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
