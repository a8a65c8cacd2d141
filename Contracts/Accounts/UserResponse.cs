using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record UserResponse(Guid Id, [property: DataType(DataType.EmailAddress)] string Email, string DisplayName, DateTimeOffset CreatedAt);
