namespace Marketplace.Contracts.Conversations;

/// <summary>The problem types the Api answers about a conversation, so that a client can tell the refusals apart.</summary>
public static class ConversationProblemTypes
{
    /// <summary>Nobody can write in the conversation any more: the listing was removed, an account is suspended, or one side blocked the other.</summary>
    public const string ReadOnly = "urn:marketplace:problem:conversation-read-only";
}
