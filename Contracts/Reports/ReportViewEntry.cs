namespace Marketplace.Contracts.Reports;

/// <summary>An admin read a reported conversation: who, and when.</summary>
public sealed record ReportViewEntry(Guid AdminId, DateTimeOffset ViewedAt);
