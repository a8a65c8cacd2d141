using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>The address now verified (after a change of email, the new one) and since when.</summary>
public sealed record EmailVerifiedResponse([property: DataType(DataType.EmailAddress)] string Email, DateTimeOffset EmailVerifiedAt);
