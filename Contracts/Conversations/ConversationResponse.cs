namespace Marketplace.Contracts.Conversations;

/// <summary>A conversation as one of its two sides reads it.</summary>
/// <param name="ReadOnly">Why nobody can write in it any more; null while both can.</param>
/// <param name="BlockedByYou">The caller blocked the other side (and may lift it).</param>
/// <param name="Messages">Its latest messages, oldest first.</param>
/// <param name="EarlierBefore">Pass back as <c>before</c> for the messages before these; null when these are the first.</param>
public sealed record ConversationResponse(
    long Id,
    ConversationListing Listing,
    ConversationRole You,
    string OtherName,
    ConversationReadOnlyReason? ReadOnly,
    bool BlockedByYou,
    IReadOnlyList<ConversationMessageResponse> Messages,
    long? EarlierBefore);
