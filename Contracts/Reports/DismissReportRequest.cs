using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Reports;

/// <summary>Why an admin closes a report without acting on what it is about (<c>POST /api/admin/reports/{id}/dismiss</c>).</summary>
public sealed record DismissReportRequest
{
    /// <summary>The admin's note, kept on the report and in the audit log; 1 to 1,000 characters.</summary>
    [Required, StringLength(ReportRules.NoteMaxLength, MinimumLength = 1)]
    public string Note { get; init; } = "";
}
