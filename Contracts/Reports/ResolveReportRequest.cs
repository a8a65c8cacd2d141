using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Reports;

/// <summary>An admin's optional note on how a report was dealt with; kept on the report and in the audit log.</summary>
public sealed record ResolveReportRequest
{
    [StringLength(ReportRules.NoteMaxLength)]
    public string? Note { get; init; }
}
