namespace Marketplace.Data.Entities;

/// <summary>
/// A mail to send, committed in the same transaction as what causes it; the Api's sender on every replica claims due
/// rows (<c>FOR UPDATE SKIP LOCKED</c>), sends them and marks them, retrying with backoff. No row holds a usable token:
/// the link of a verification or reset mail is minted when the mail is sent, from <see cref="Id"/> and a key kept
/// outside the database, so every attempt of one row mails the same link.
/// </summary>
public sealed class OutboxMail
{
    /// <summary>What an operator needs to see why a mail failed; longer SMTP answers are cut.</summary>
    public const int DetailMaxLength = 1000;

    public const int SubjectMaxLength = 500;

    /// <summary>A version 7 UUID; also the left part of the mail's Message-ID, which is the same on every attempt.</summary>
    public Guid Id { get; set; }

    public OutboxMailKind Kind { get; set; }

    public OutboxMailState State { get; set; }

    /// <summary>The account a verification or email-change mail is for; null for a reset (found by address when sent) and for a message.</summary>
    public Guid? UserId { get; set; }

    public User? User { get; set; }

    /// <summary>The recipient; for a reset, the address as it was asked for, whether or not an account has it.</summary>
    public required string ToAddress { get; set; }

    /// <summary>A message's Reply-To.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>A message's subject and bodies (the HTML already encoded); null for the mails composed when sent.</summary>
    public string? Subject { get; set; }

    public string? TextBody { get; set; }

    public string? HtmlBody { get; set; }

    /// <summary>
    /// The saved search an alert mail is about: its unsubscribe link is minted when it is sent (the row holds no token),
    /// and it is dropped if the search was deleted or its alerts stopped meanwhile. No foreign key: the outbox is busy,
    /// and a dangling id only drops the mail.
    /// </summary>
    public long? SavedSearchId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the mail's link expires (it is dropped rather than sent after), or when a message is no longer worth sending; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The failed attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When it was sent, given up on or dropped; the purge counts its retention from here.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The last failure (pending or dead), or why it was dropped; for operators, never shown to users.</summary>
    public string? Detail { get; set; }
}
