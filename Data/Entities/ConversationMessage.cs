namespace Marketplace.Data.Entities;

/// <summary>One message of a <see cref="Conversation"/>, plain text, from one of its two participants.</summary>
public sealed class ConversationMessage
{
    public long Id { get; set; }

    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }

    public Guid SenderId { get; set; }
    public User? Sender { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
