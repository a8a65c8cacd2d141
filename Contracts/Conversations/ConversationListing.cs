using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.Conversations;

/// <summary>The listing a conversation is about, as it is now.</summary>
/// <param name="Removed">An admin removed it: its title is still shown to the two sides, nothing else of it.</param>
/// <param name="ThumbnailUrl">Its first photo's thumbnail; null without photos, and once removed.</param>
public sealed record ConversationListing(long Id, string Title, ListingStatus Status, bool Removed, string? ThumbnailUrl);
