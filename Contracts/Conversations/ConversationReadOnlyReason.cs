namespace Marketplace.Contracts.Conversations;

/// <summary>Why nobody can write in a conversation any more (its messages stay readable).</summary>
public enum ConversationReadOnlyReason
{
    /// <summary>An admin removed the listing it is about.</summary>
    ListingRemoved,

    /// <summary>The other side's account is suspended.</summary>
    AccountSuspended,

    /// <summary>One side blocked the other (see <c>blockedByYou</c>).</summary>
    Blocked,
}
