using System.Threading.Channels;

namespace Marketplace.Api.Mail;

/// <summary>
/// Work a request hands over that may end in a mail: it runs in the background, with services of a scope of its own,
/// and answers the mail to send, or null for none.
/// </summary>
public delegate Task<EmailMessage?> MailWork(IServiceProvider services, CancellationToken cancellationToken);

/// <summary>
/// Work handed over by a request and done by <see cref="MailOutboxSender"/> in the background, so that no answer waits
/// on the database work or SMTP behind a mail (and an answer's timing says nothing about whether a mail went out).
/// Bounded: when it is full, the work is dropped and logged rather than held in memory without end.
/// </summary>
public sealed partial class MailOutbox(ILogger<MailOutbox> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<MailWork> _channel = Channel.CreateBounded<MailWork>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<MailWork> Reader => _channel.Reader;

    public void Enqueue(MailWork work)
    {
        if (!_channel.Writer.TryWrite(work))
        {
            LogDropped(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full; a mail's work was dropped.")]
    private static partial void LogDropped(ILogger logger);
}

/// <summary>Drains <see cref="MailOutbox"/>: does each piece of work and sends its mail, logging (not retrying) a failure.</summary>
public sealed partial class MailOutboxSender(
    MailOutbox queue, IServiceScopeFactory scopes, IEmailSender sender, ILogger<MailOutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await work(scope.ServiceProvider, stoppingToken) is { } message)
                {
                    await sender.SendAsync(message, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued mail could not be made or sent.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
