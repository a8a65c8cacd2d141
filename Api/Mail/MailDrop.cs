namespace Marketplace.Api.Mail;

/// <summary>Why an outbox mail is dropped rather than sent: a metric tag and the row's detail for operators.</summary>
public sealed record MailDrop(string Reason, string Detail)
{
    public static readonly MailDrop LinkExpired = new("link_expired", "Dropped: its link would have expired before it could be sent.");

    public static readonly MailDrop NoAccount = new("no_account", "Dropped: no account has this address.");

    public static readonly MailDrop Replaced = new("replaced", "Dropped: a newer verification mail to this account replaces it (only the newest link works).");

    public static readonly MailDrop AlreadyVerified = new("already_verified", "Dropped: the account verified this address meanwhile.");

    public static readonly MailDrop Unsubscribed = new("unsubscribed", "Dropped: its saved search was deleted, or its alerts stopped, before it could be sent.");

    public static readonly MailDrop AccountDeleted = new("account_deleted", "Dropped: the account was deleted.");

    public static readonly MailDrop Expired = new("expired", "Dropped: it was no longer worth sending by the time it could be sent.");
}
