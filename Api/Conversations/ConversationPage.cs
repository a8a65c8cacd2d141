using Marketplace.Contracts.Conversations;

namespace Marketplace.Api.Conversations;

/// <summary>What <see cref="ConversationQueries.PageAsync"/> reads: the conversation as the caller sees it, and its latest messages.</summary>
public sealed record ConversationPage(ConversationPageHead Head, IReadOnlyList<ConversationPageMessage> Messages);

/// <summary>The conversation as the caller sees it: its listing, their side, the other side and what stands between them.</summary>
public sealed record ConversationPageHead(
    ConversationListing Listing,
    ConversationRole You,
    string OtherName,
    bool OtherSuspended,
    bool BlockedByYou,
    bool BlockedYou);

/// <summary>One message of a conversation's page.</summary>
public sealed record ConversationPageMessage(long Id, Guid SenderId, string Body, DateTimeOffset SentAt);
