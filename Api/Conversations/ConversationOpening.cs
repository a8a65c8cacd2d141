namespace Marketplace.Api.Conversations;

/// <summary>A conversation its first message opens: about a listing, between the buyer who writes and the listing's seller.</summary>
public sealed record ConversationOpening(long ListingId, Guid BuyerId, Guid SellerId);
