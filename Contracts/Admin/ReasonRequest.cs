using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Admin;

/// <summary>Why an admin acts; kept in the audit log (and, for a listing or a suspension, on the row).</summary>
public sealed record ReasonRequest
{
    [Required, StringLength(AdminRules.ReasonMaxLength, MinimumLength = 1)]
    public string Reason { get; init; } = "";
}
