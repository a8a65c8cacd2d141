using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record RevertEmailChangeRequest
{
    /// <summary>The token from the link mailed to the account's previous address when its address changed.</summary>
    [Required, StringLength(AccountRules.TokenLength, MinimumLength = 1)]
    public string Token { get; init; } = "";

    /// <summary>The account's new password: whoever changed the address may know the old one.</summary>
    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = AccountRules.PasswordMinLength), NotCommonPassword]
    public string NewPassword { get; init; } = "";
}
