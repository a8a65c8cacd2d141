using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record ForgotPasswordRequest
{
    [Required, StringLength(AccountRules.EmailMaxLength, MinimumLength = 1), DataType(DataType.EmailAddress)]
    public string Email { get; init; } = "";
}
