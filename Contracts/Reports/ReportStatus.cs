namespace Marketplace.Contracts.Reports;

/// <summary>Whether an admin has dealt with a report yet.</summary>
public enum ReportStatus
{
    Open,
    Resolved,
}
