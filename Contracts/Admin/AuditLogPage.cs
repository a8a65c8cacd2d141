namespace Marketplace.Contracts.Admin;

/// <summary>One page of the audit log, newest first; pass <c>nextCursor</c> back as <c>cursor</c>. Null on the last page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogEntry> Items, string? NextCursor);
