namespace Marketplace.Api.Mail;

/// <summary>Sends one mail. The one implementation talks SMTP (<see cref="SmtpEmailSender"/>).</summary>
public interface IEmailSender
{
    /// <summary>Delivers <paramref name="message"/> to the SMTP server; throws when the server cannot be reached or refuses it.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A mail as plain text plus HTML, to one address.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text part.</param>
/// <param name="HtmlBody">The HTML part; every piece of user data in it must already be HTML-encoded.</param>
/// <param name="ReplyTo">Where replies go, when not to the sender.</param>
/// <param name="MessageId">The Message-ID (without angle brackets), the same on every attempt of one mail so that a mail client shows a duplicate once; null for a new one.</param>
/// <param name="ListUnsubscribe">
/// For mail a person may stop (saved-search alerts): the link that stops it, sent as <c>List-Unsubscribe</c> with
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058), so a mail client's own button stops it with one POST.
/// </param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, string? ReplyTo = null, string? MessageId = null, Uri? ListUnsubscribe = null);
