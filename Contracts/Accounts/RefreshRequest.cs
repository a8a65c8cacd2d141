using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record RefreshRequest
{
    /// <summary>The refreshToken of the last pair; each one works once.</summary>
    [Required, StringLength(AccountRules.TokenLength, MinimumLength = 1)]
    public string RefreshToken { get; init; } = "";
}
