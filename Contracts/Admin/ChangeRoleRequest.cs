using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Contracts.Admin;

public sealed record ChangeRoleRequest
{
    [Required]
    public UserRole? Role { get; init; }

    [StringLength(AdminRules.ReasonMaxLength)]
    public string? Reason { get; init; }
}
