namespace Marketplace.Contracts.Accounts;

/// <summary>A mail about the account, in an <see cref="AccountExport"/>.</summary>
/// <param name="Kind">verification, email_change, password_reset, message or email_change_revert.</param>
/// <param name="State">pending, sent, dead (given up on) or dropped (not worth sending any more).</param>
/// <param name="Subject">A message's subject; null for the mails written when they are sent.</param>
public sealed record ExportedMail(string Kind, string To, string? Subject, string State, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
