using Marketplace.Contracts.Conversations;

namespace Marketplace.Api.Conversations;

/// <summary>A row of <see cref="ConversationQueries.PageAsync"/>: the conversation as the caller sees it, and one of its messages (if any).</summary>
public sealed record ConversationPageRow(
    ConversationListing Listing,
    ConversationRole You,
    string OtherName,
    bool OtherSuspended,
    bool BlockedByYou,
    bool BlockedYou,
    long? MessageId,
    Guid? SenderId,
    string? Body,
    DateTimeOffset? SentAt);
