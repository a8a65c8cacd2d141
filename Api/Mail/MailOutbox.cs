using System.Threading.Channels;

namespace Marketplace.Api.Mail;

/// <summary>A mail to send later, or (<see cref="Send"/> false) one composed only so that both answers did the same work.</summary>
public sealed record QueuedMail(EmailMessage Message, bool Send);

/// <summary>
/// Mail handed over by a request and sent by <see cref="MailOutboxSender"/> in the background, so that no answer waits
/// on SMTP (and an answer's timing says nothing about whether a mail went out). Bounded: when it is full, the mail is
/// dropped and logged rather than held in memory without end.
/// </summary>
public sealed partial class MailOutbox(ILogger<MailOutbox> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<QueuedMail> _channel = Channel.CreateBounded<QueuedMail>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<QueuedMail> Reader => _channel.Reader;

    public void Enqueue(QueuedMail mail)
    {
        if (!_channel.Writer.TryWrite(mail))
        {
            LogDropped(logger, mail.Message.Subject);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full; mail '{Subject}' was dropped.")]
    private static partial void LogDropped(ILogger logger, string subject);
}

/// <summary>Drains <see cref="MailOutbox"/>: sends each mail that is to be sent, logging (not retrying) a failure.</summary>
public sealed partial class MailOutboxSender(MailOutbox queue, IEmailSender sender, ILogger<MailOutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (!mail.Send)
            {
                continue;
            }

            try
            {
                await sender.SendAsync(mail.Message, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, mail.Message.Subject);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail '{Subject}' could not be sent.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string subject);
}
