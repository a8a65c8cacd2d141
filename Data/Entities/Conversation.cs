namespace Marketplace.Data.Entities;

/// <summary>
/// What a buyer and a listing's seller write to each other about that listing: one per listing and buyer, opened by the
/// buyer's first message. Each side has a <see cref="ConversationParticipant"/> row (their inbox entry, unread count).
/// Nothing here is ever deleted: a listing sold, archived or removed keeps its conversations readable.
/// </summary>
public sealed class Conversation
{
    public long Id { get; set; }

    public long ListingId { get; set; }
    public Listing? Listing { get; set; }

    /// <summary>The account that wrote first about the listing.</summary>
    public Guid BuyerId { get; set; }
    public User? Buyer { get; set; }

    /// <summary>The listing's seller (a listing never changes seller), kept here so that each side is one key away.</summary>
    public Guid SellerId { get; set; }
    public User? Seller { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the latest message was written.</summary>
    public DateTimeOffset LastMessageAt { get; set; }

    public List<ConversationMessage> Messages { get; } = [];

    public List<ConversationParticipant> Participants { get; } = [];
}
