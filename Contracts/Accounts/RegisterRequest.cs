using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record RegisterRequest
{
    [Required, StringLength(AccountRules.EmailMaxLength, MinimumLength = 3), DataType(DataType.EmailAddress)]
    [RegularExpression(AccountRules.EmailPattern, ErrorMessage = AccountRules.EmailPatternMessage)]
    public string Email { get; init; } = "";

    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = AccountRules.PasswordMinLength), NotCommonPassword]
    public string Password { get; init; } = "";

    [Required, StringLength(AccountRules.DisplayNameMaxLength, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";
}
