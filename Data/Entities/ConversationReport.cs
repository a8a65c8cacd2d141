namespace Marketplace.Data.Entities;

/// <summary>
/// A participant's report that a conversation breaks the rules (harassment, a scam), open until an admin resolves it.
/// Admins read a conversation only through such a report, and each reading is recorded (<see cref="ConversationReportView"/>).
/// One open report per participant and conversation.
/// </summary>
public sealed class ConversationReport : IResolvableReport
{
    public long Id { get; set; }

    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }

    public Guid ReporterId { get; set; }
    public User? Reporter { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an admin resolved it; null while it is open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The admin who resolved it. No foreign key, as for <see cref="ListingReport.ResolvedById"/>.</summary>
    public Guid? ResolvedById { get; set; }

    public string? ResolutionNote { get; set; }
}
