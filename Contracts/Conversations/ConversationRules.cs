namespace Marketplace.Contracts.Conversations;

/// <summary>What a conversation's message may hold: the limit the Api validates, the Web's forms state and the schema's column uses.</summary>
public static class ConversationRules
{
    /// <summary>Plain text; the same as a first message through the older contact operation.</summary>
    public const int MessageMaxLength = Listings.ContactRules.MessageMaxLength;

    /// <summary>The most messages a conversation's page holds; earlier ones are a page further back.</summary>
    public const int MaxPageSize = 100;

    public const int DefaultPageSize = 50;
}
