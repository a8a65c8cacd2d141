namespace Marketplace.Data.Entities;

/// <summary>
/// An admin read a reported conversation: the audit of the one way admins see what two people wrote each other. A table
/// of its own, not an <see cref="AdminAuditLog"/> row, because the previous release cannot read an <c>admin_action</c>
/// label it does not know and serves the audit log during a rolling deploy; a later release may copy these there.
/// </summary>
public sealed class ConversationReportView
{
    public long Id { get; set; }

    public long ReportId { get; set; }
    public ConversationReport? Report { get; set; }

    public Guid AdminId { get; set; }
    public User? Admin { get; set; }

    public DateTimeOffset ViewedAt { get; set; }
}
