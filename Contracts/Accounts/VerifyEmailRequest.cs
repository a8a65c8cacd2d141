using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

public sealed record VerifyEmailRequest
{
    /// <summary>The token from the link in the verification mail.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Token { get; init; } = "";
}
