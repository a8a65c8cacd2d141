using System.Text.Json;

namespace Marketplace.Data.Entities;

public sealed class AdminAuditLog
{
    public const int TargetIdMaxLength = 64;

    public long Id { get; set; }
    public Guid AdminId { get; set; }
    public User? Admin { get; set; }
    public AdminAction Action { get; set; }
    public AuditTargetType TargetType { get; set; }

    /// <summary>The target's key as text, since targets have keys of different types.</summary>
    public required string TargetId { get; set; }

    public JsonDocument? Details { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
