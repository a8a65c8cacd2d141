namespace Marketplace.Contracts.Accounts;

/// <summary>
/// A conversation the account took part in, about <paramref name="ListingId"/>, as <paramref name="Role"/> (buyer or
/// seller), with the messages the account wrote in it (the other side's messages are theirs, not exported here).
/// </summary>
public sealed record ExportedConversation(
    long Id, long ListingId, string Role, DateTimeOffset StartedAt, DateTimeOffset LastMessageAt, IReadOnlyList<ExportedMessage> MessagesWritten);
