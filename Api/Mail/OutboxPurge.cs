using System.Diagnostics;
using Marketplace.Api.Jobs;
using Marketplace.Data.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Mail;

/// <summary>
/// Deletes outbox mails sent, given up on or dropped more than Outbox:RetainFor ago (seven days by default). A periodic
/// job on one replica at a time (<see cref="Marketplace.Data.AdvisoryLockKeys.OutboxPurge"/>).
/// </summary>
public sealed partial class OutboxPurge(
    NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, TimeProvider timeProvider, ILogger<OutboxPurge> logger) : IPeriodicJob
{
    public const string JobName = "mail-outbox-purge";

    private const int BatchSize = 1000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await OutboxMailTable.PurgeAsync(dataSource, timeProvider.GetUtcNow() - options.Value.RetainFor, BatchSize, cancellationToken);
        Activity.Current?.SetTag("marketplace.mail.purged", deleted);
        LogPurged(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox purge deleted {Rows} mails sent, given up on or dropped.")]
    private static partial void LogPurged(ILogger logger, long rows);
}
