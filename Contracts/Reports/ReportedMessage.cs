namespace Marketplace.Contracts.Reports;

/// <summary>One message of a reported conversation, as an admin reads it.</summary>
public sealed record ReportedMessage(long Id, Guid SenderId, string Body, DateTimeOffset SentAt);
