namespace Marketplace.Contracts.Conversations;

/// <summary>A conversation as the inbox shows it.</summary>
/// <param name="You">The caller's side.</param>
/// <param name="OtherName">The other side's display name (never an address).</param>
/// <param name="UnreadCount">Messages from the other side since the caller last read the conversation.</param>
public sealed record ConversationSummary(
    long Id, ConversationListing Listing, ConversationRole You, string OtherName, DateTimeOffset LastMessageAt, int UnreadCount);
