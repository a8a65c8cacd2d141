using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Api.Mail;

/// <summary>Sends each mail over its own SMTP connection to the configured server (MailKit).</summary>
public sealed partial class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var mime = new MimeMessage();
        mime.From.Add(smtp.From);
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        if (message.MessageId is not null)
        {
            mime.MessageId = message.MessageId;
        }

        if (message.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: the angle-bracketed https link, and the one-click POST it takes.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.SocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, message.Subject, smtp.Host, smtp.Port);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail '{Subject}' handed to {Host}:{Port}.")]
    private static partial void LogSent(ILogger logger, string subject, string host, int port);
}
