using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record ChangeEmailRequest
{
    /// <summary>The address to switch to, once the link mailed to it is followed.</summary>
    [Required, StringLength(AccountRules.EmailMaxLength, MinimumLength = 3), DataType(DataType.EmailAddress)]
    [RegularExpression(AccountRules.EmailPattern, ErrorMessage = AccountRules.EmailPatternMessage)]
    public string NewEmail { get; init; } = "";

    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = 1)]
    public string CurrentPassword { get; init; } = "";
}
