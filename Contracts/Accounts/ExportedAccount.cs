using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>The account's own row, in an <see cref="AccountExport"/>.</summary>
/// <param name="SuspendedAt">When an admin suspended it, with <paramref name="SuspensionReason"/>; null when it is not suspended.</param>
public sealed record ExportedAccount(
    Guid Id,
    [property: DataType(DataType.EmailAddress)] string Email,
    string DisplayName,
    UserRole Role,
    DateTimeOffset? EmailVerifiedAt,
    DateTimeOffset MemberSince,
    DateTimeOffset? SuspendedAt,
    string? SuspensionReason);
