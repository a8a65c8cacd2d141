using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record ResetPasswordRequest
{
    /// <summary>The token from the mailed link.</summary>
    [Required, StringLength(AccountRules.TokenLength, MinimumLength = 1)]
    public string Token { get; init; } = "";

    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = AccountRules.PasswordMinLength), NotCommonPassword]
    public string NewPassword { get; init; } = "";
}
