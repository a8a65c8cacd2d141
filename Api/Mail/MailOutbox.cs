using Marketplace.Api.Auth;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Mail;

/// <summary>
/// Where a request puts the mail it causes: a row added to the request's context, so that it commits in the same
/// transaction as the change it is about (and not without it). The caller's SaveChanges commits it; the senders
/// (<see cref="OutboxSender"/>) on every replica send it, retrying while the mail server is down. Nothing waits in memory.
/// </summary>
public sealed class MailOutbox(IOptions<AccountsOptions> accounts, TimeProvider timeProvider)
{
    /// <summary>
    /// A link that verifies <paramref name="email"/> for <paramref name="user"/>: the account's own address (registration,
    /// resend) or a new one (change of email). Its token is minted when it is sent, and a newer one replaces it.
    /// </summary>
    public OutboxMail AddVerification(MarketplaceDbContext db, User user, string email) => Add(db, new OutboxMail
    {
        Kind = User.NormalizeEmail(email) == user.NormalizedEmail ? OutboxMailKind.Verification : OutboxMailKind.EmailChange,
        UserId = user.Id,
        ToAddress = email,
    }, accounts.Value.VerificationTokenLifetime);

    /// <summary>
    /// A reset link for whichever account has <paramref name="email"/>, committed whether or not one has it: the sender
    /// looks the account up, so the request does the same work for every address.
    /// </summary>
    public OutboxMail AddPasswordReset(MarketplaceDbContext db, string email) => Add(db, new OutboxMail
    {
        Kind = OutboxMailKind.PasswordReset,
        ToAddress = email.Trim(),
    }, accounts.Value.PasswordResetTokenLifetime);

    /// <summary>
    /// To <paramref name="previousEmail"/>, the address <paramref name="user"/> had until a moment ago: the address changed,
    /// and a link puts it back (<c>Accounts:EmailChangeRevertLifetime</c>, 7 days). Its token is minted when it is sent.
    /// </summary>
    public OutboxMail AddEmailChangeRevert(MarketplaceDbContext db, User user, string previousEmail) => Add(db, new OutboxMail
    {
        Kind = OutboxMailKind.EmailChangeRevert,
        UserId = user.Id,
        ToAddress = previousEmail,
    }, accounts.Value.EmailChangeRevertLifetime);

    /// <summary>
    /// A mail composed in full (the generic path: conversation notifications, moderation notices, alerts); it must hold
    /// no secret, since it waits in the database as it is. <paramref name="notAfter"/>: dropped rather than sent after.
    /// <paramref name="savedSearchId"/>: an alert about that saved search, whose unsubscribe link (the bodies hold
    /// <see cref="Marketplace.Api.SavedSearches.AlertLinks.UnsubscribePlaceholder"/> where it goes) is minted when it is sent.
    /// </summary>
    public OutboxMail AddMessage(MarketplaceDbContext db, EmailMessage message, DateTimeOffset? notAfter = null, long? savedSearchId = null) => Add(db, new OutboxMail
    {
        Kind = OutboxMailKind.Message,
        ToAddress = message.To,
        ReplyTo = message.ReplyTo,
        Subject = message.Subject,
        TextBody = message.TextBody,
        HtmlBody = message.HtmlBody,
        ExpiresAt = notAfter,
        SavedSearchId = savedSearchId,
    }, linkLifetime: null);

    private OutboxMail Add(MarketplaceDbContext db, OutboxMail mail, TimeSpan? linkLifetime)
    {
        // As PostgreSQL stores it (microseconds), so that the row and what the sender reads back agree.
        var now = timeProvider.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        mail.Id = Guid.CreateVersion7(now);
        mail.State = OutboxMailState.Pending;
        mail.CreatedAt = now;
        mail.DueAt = now;
        if (linkLifetime is { } lifetime)
        {
            mail.ExpiresAt = now + lifetime;
        }

        db.OutboxMails.Add(mail);
        return mail;
    }
}
