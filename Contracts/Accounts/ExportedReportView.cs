namespace Marketplace.Contracts.Accounts;

/// <summary>As an admin: a reported conversation the account read, and when.</summary>
public sealed record ExportedReportView(long ReportId, DateTimeOffset ViewedAt);
