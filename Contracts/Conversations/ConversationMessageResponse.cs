namespace Marketplace.Contracts.Conversations;

/// <summary>One message of a conversation.</summary>
/// <param name="FromYou">Whether the caller wrote it (otherwise the other side did).</param>
public sealed record ConversationMessageResponse(long Id, long ConversationId, bool FromYou, string Body, DateTimeOffset SentAt);
