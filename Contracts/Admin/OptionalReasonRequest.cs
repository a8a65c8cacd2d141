using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Admin;

/// <summary>An optional reason, for actions that need none.</summary>
public sealed record OptionalReasonRequest
{
    [StringLength(AdminRules.ReasonMaxLength)]
    public string? Reason { get; init; }
}
