using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record LoginRequest
{
    [Required, StringLength(AccountRules.EmailMaxLength, MinimumLength = 1), DataType(DataType.EmailAddress)]
    public string Email { get; init; } = "";

    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = 1)]
    public string Password { get; init; } = "";
}
