using Marketplace.Contracts.Accounts;

namespace Marketplace.Contracts.Admin;

/// <summary>An account as admins see it: its address too, its role, and whether it is verified or suspended.</summary>
/// <param name="EmailVerifiedAt">When the address was verified; null while it is not.</param>
/// <param name="SuspendedAt">When an admin suspended the account; null unless it is suspended now.</param>
public sealed record AdminUserSummary(
    Guid Id,
    string Email,
    string DisplayName,
    UserRole Role,
    DateTimeOffset MemberSince,
    DateTimeOffset? EmailVerifiedAt,
    DateTimeOffset? SuspendedAt);
