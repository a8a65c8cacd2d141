namespace Marketplace.Contracts.Conversations;

/// <summary>Which side of a conversation the caller is on.</summary>
public enum ConversationRole
{
    Buyer,
    Seller,
}
