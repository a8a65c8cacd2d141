using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record DeleteAccountRequest
{
    /// <summary>The account's password, asked again: a session left open is not enough to delete an account.</summary>
    [Required, StringLength(AccountRules.PasswordMaxLength, MinimumLength = 1)]
    public string CurrentPassword { get; init; } = "";
}
