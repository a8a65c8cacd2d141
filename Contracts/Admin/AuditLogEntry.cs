using System.Text.Json;

namespace Marketplace.Contracts.Admin;

/// <summary>One admin action: who did what to which target, when, and its details (before, after, reason).</summary>
public sealed record AuditLogEntry(
    long Id,
    Guid AdminId,
    AdminAction Action,
    AuditTargetType TargetType,
    string TargetId,
    JsonElement? Details,
    DateTimeOffset CreatedAt);
