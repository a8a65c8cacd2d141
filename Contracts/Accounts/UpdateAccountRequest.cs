using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>What the owner of an account may change about it directly (<c>PATCH /api/me</c>): the name buyers see.</summary>
public sealed record UpdateAccountRequest
{
    [Required, StringLength(AccountRules.DisplayNameMaxLength, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";
}
