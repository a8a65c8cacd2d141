using System.Diagnostics;
using Marketplace.Api.Jobs;
using Marketplace.Data.Entities;
using Marketplace.Data.Outbox;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace Marketplace.Api.Mail;

/// <summary>
/// Sends the outbox's mail, on every replica (a periodic job without a lock: rows are claimed, not the job). Each mail in
/// a transaction of its own: claim the soonest-due row no other sender holds (<c>FOR UPDATE SKIP LOCKED</c>) and keep
/// it locked, compose it (minting and storing its link), send it with a Message-ID made from its id, mark it sent,
/// commit. A failure leaves the row pending with exponential backoff, until its retry budget is spent (dead: logged,
/// counted, listed by the worker's dead-mail command). A crash between sending and committing sends the same mail
/// again, with the same Message-ID and link, which a mail client shows once.
/// </summary>
public sealed partial class OutboxSender(
    NpgsqlDataSource dataSource,
    OutboxMailComposer composer,
    IEmailSender sender,
    MailMetrics metrics,
    IOptions<OutboxOptions> options,
    IOptions<SmtpOptions> smtp,
    TimeProvider timeProvider,
    ILogger<OutboxSender> logger) : IPeriodicJob
{
    public const string JobName = "mail-outbox";

    /// <summary>A link with less time left than this is not worth a mail.</summary>
    public static readonly TimeSpan MinimumLinkTime = TimeSpan.FromMinutes(1);

    /// <summary>Mails one run sends at most; the next run, one poll interval later, goes on.</summary>
    private const int MailsPerRun = 100;

    public async ValueTask<bool> HasWorkAsync(CancellationToken cancellationToken) =>
        await OutboxMailTable.HasDueAsync(dataSource, timeProvider.GetUtcNow(), cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var handled = 0;
        while (handled < MailsPerRun)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            if (await OutboxMailTable.ClaimNextAsync(connection, transaction, now, cancellationToken) is not { } mail)
            {
                await transaction.CommitAsync(cancellationToken);
                break;
            }

            await HandleAsync(connection, transaction, mail, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            handled++;
        }

        Activity.Current?.SetTag("marketplace.mail.handled", handled);
    }

    /// <summary>The Message-ID of outbox mail <paramref name="mailId"/>: the same on every attempt, in the sender's domain.</summary>
    public static string MessageIdOf(Guid mailId, SmtpOptions smtp) =>
        $"{mailId:N}@{smtp.FromAddress[(smtp.FromAddress.LastIndexOf('@') + 1)..]}";

    private async Task HandleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var activity = MailMetrics.ActivitySource.StartActivity("mail send");
        activity?.SetTag(MailMetrics.KindTag, MailMetrics.TagOf(mail.Kind));
        activity?.SetTag("marketplace.mail.id", mail.Id.ToString());
        activity?.SetTag("marketplace.mail.attempt", mail.Attempts + 1);
        if (mail.ExpiresAt is { } expiresAt && expiresAt - now < MinimumLinkTime)
        {
            await DropAsync(connection, transaction, mail, now, mail.Kind == OutboxMailKind.Message ? MailDrop.Expired : MailDrop.LinkExpired, activity, cancellationToken);
            return;
        }

        MailDrop? drop;
        try
        {
            (var message, drop) = await composer.ComposeAsync(mail, now, cancellationToken);
            if (message is not null)
            {
                await sender.SendAsync(message with { MessageId = MessageIdOf(mail.Id, smtp.Value) }, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(connection, transaction, mail, now, ex, activity, cancellationToken);
            return;
        }

        if (drop is not null)
        {
            await DropAsync(connection, transaction, mail, now, drop, activity, cancellationToken);
            return;
        }

        await OutboxMailTable.MarkSentAsync(connection, transaction, mail.Id, now, cancellationToken);
        metrics.Sent(mail.Kind);
        activity?.SetTag("marketplace.mail.outcome", "sent");
    }

    private async Task DropAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, MailDrop drop, Activity? activity, CancellationToken cancellationToken)
    {
        await OutboxMailTable.MarkDroppedAsync(connection, transaction, mail.Id, now, drop.Detail, cancellationToken);
        metrics.Dropped(mail.Kind, drop);
        activity?.SetTag("marketplace.mail.outcome", "dropped");
        activity?.SetTag(MailMetrics.ReasonTag, drop.Reason);
        LogDropped(logger, mail.Id, mail.Kind, drop.Reason);
    }

    private async Task FailedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, Exception failure, Activity? activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempts = mail.Attempts + 1;
        var detail = $"Attempt {attempts}: {failure.GetType().Name}: {failure.Message}";
        metrics.Failed(mail.Kind);
        activity?.AddException(failure);
        activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
        if (IsRefusedForGood(failure) || attempts >= settings.MaxAttempts)
        {
            await OutboxMailTable.MarkDeadAsync(connection, transaction, mail.Id, attempts, now, detail, cancellationToken);
            metrics.Dead(mail.Kind);
            activity?.SetTag("marketplace.mail.outcome", "dead");
            LogDead(logger, failure, mail.Id, mail.Kind, attempts);
            return;
        }

        var dueAt = now + settings.RetryDelayAfter(attempts);
        await OutboxMailTable.MarkFailedAsync(connection, transaction, mail.Id, attempts, dueAt, detail, cancellationToken);
        activity?.SetTag("marketplace.mail.outcome", "retry");
        LogRetry(logger, mail.Id, mail.Kind, attempts, settings.MaxAttempts, dueAt, failure.Message);
    }

    /// <summary>A permanent SMTP answer (5xx: no such mailbox, refused) or an address that cannot be one: trying again would not help.</summary>
    private static bool IsRefusedForGood(Exception failure) =>
        failure is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } or ParseException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox mail {MailId} ({Kind}) dropped: {Reason}.")]
    private static partial void LogDropped(ILogger logger, Guid mailId, OutboxMailKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox mail {MailId} ({Kind}) not sent, attempt {Attempt} of {MaxAttempts}; trying again at {DueAt:O}: {Failure}")]
    private static partial void LogRetry(ILogger logger, Guid mailId, OutboxMailKind kind, int attempt, int maxAttempts, DateTimeOffset dueAt, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox mail {MailId} ({Kind}) given up on after {Attempts} attempts (dead); the worker's dead-mail command lists it.")]
    private static partial void LogDead(ILogger logger, Exception exception, Guid mailId, OutboxMailKind kind, int attempts);
}
