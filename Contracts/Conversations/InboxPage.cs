namespace Marketplace.Contracts.Conversations;

/// <summary>One page of the caller's conversations, latest activity first; pass <c>nextCursor</c> back as <c>cursor</c> for the next (null on the last).</summary>
public sealed record InboxPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);
