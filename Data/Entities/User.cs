namespace Marketplace.Data.Entities;

public sealed class User : ITimestamped
{
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;

    public Guid Id { get; set; }

    /// <summary>The address as the user typed it.</summary>
    public required string Email { get; set; }

    /// <summary>Upper-invariant form of <see cref="Email"/>; its unique index makes emails unique case-insensitively.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; } = UserRole.User;
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Listing> Listings { get; } = [];

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
