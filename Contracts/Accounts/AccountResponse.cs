using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>The signed-in account as its owner sees it (<c>GET /api/me</c>).</summary>
/// <param name="EmailVerifiedAt">When the address was verified; null until the link in the verification mail is followed.</param>
/// <param name="MemberSince">When the account was created.</param>
public sealed record AccountResponse(
    Guid Id,
    [property: DataType(DataType.EmailAddress)] string Email,
    string DisplayName,
    DateTimeOffset? EmailVerifiedAt,
    DateTimeOffset MemberSince);
