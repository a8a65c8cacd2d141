namespace Marketplace.Contracts.Reports;

/// <summary>One page of reports, newest first; pass <c>nextCursor</c> back as <c>cursor</c> for the next page. It is null on the last page.</summary>
public sealed record ReportPage(IReadOnlyList<ReportResponse> Items, string? NextCursor);
