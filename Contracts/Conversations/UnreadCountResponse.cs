namespace Marketplace.Contracts.Conversations;

/// <summary>Messages the caller has not read yet, over all their conversations.</summary>
public sealed record UnreadCountResponse(int Unread);
