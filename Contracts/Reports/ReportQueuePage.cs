namespace Marketplace.Contracts.Reports;

/// <summary>One page of the admins' queue of open cases; pass <c>nextCursor</c> back as <c>cursor</c>. Null on the last page.</summary>
public sealed record ReportQueuePage(IReadOnlyList<ReportCase> Items, string? NextCursor);
