namespace Marketplace.Contracts.Accounts;

/// <summary>A message the account wrote in a conversation.</summary>
public sealed record ExportedMessage(DateTimeOffset SentAt, string Body);
