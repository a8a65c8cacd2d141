using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record ChangePasswordRequest
{
    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = 1)]
    public string CurrentPassword { get; init; } = "";

    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = AccountRules.PasswordMinLength), NotCommonPassword]
    public string NewPassword { get; init; } = "";
}
