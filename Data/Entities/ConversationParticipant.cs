namespace Marketplace.Data.Entities;

/// <summary>
/// One side of a <see cref="Conversation"/>: the row its inbox is read from (newest activity first, one index) and its
/// unread count, so that neither the inbox nor the header's total counts messages.
/// </summary>
public sealed class ConversationParticipant
{
    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }

    public Guid UserId { get; set; }
    public User? User { get; set; }

    /// <summary>A copy of <see cref="Conversation.LastMessageAt"/>: the inbox's order, on this side's index.</summary>
    public DateTimeOffset LastMessageAt { get; set; }

    /// <summary>Messages from the other side written since this side last read the conversation.</summary>
    public int UnreadCount { get; set; }
}
