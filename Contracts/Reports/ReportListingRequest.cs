using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Reports;

/// <summary>Why a listing breaks the rules, for the admins (<c>POST /api/listings/{id}/reports</c>).</summary>
public sealed record ReportListingRequest
{
    /// <summary>What is wrong with the listing; 1 to 1,000 characters.</summary>
    [Required, StringLength(ReportRules.ReasonMaxLength, MinimumLength = 1)]
    public string Reason { get; init; } = "";
}
