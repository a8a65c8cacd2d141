using Marketplace.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// A session-level PostgreSQL advisory lock that serialises workers for the whole migrate-seed-backfill run.
/// EF Core's own lock is released between migrations that cannot run in a transaction (CREATE INDEX
/// CONCURRENTLY), which would let a second worker start the same migration. The lock is polled with
/// pg_try_advisory_lock rather than awaited with pg_advisory_lock, because a waiting statement holds a
/// snapshot and CREATE INDEX CONCURRENTLY waits for every older snapshot: a blocking wait would deadlock.
/// </summary>
public sealed partial class MigrationLock(
    NpgsqlDataSource dataSource,
    IOptions<MigrationWorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<MigrationLock> logger)
{
    /// <summary>A fixed key shared by every worker (its home, with every other key: <see cref="AdvisoryLockKeys"/>).</summary>
    public const long Key = AdvisoryLockKeys.Migration;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var started = timeProvider.GetTimestamp();
            var lastReport = started;
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            while (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                var waited = timeProvider.GetElapsedTime(started);
                if (waited > options.Value.LockTimeout)
                {
                    throw new WorkerFailedException(ExitCodes.DatabaseUnreachable,
                        $"Another migration worker has held the migration lock for more than {options.Value.LockTimeout}. " +
                        "If no worker is running, a stuck session holds it: find it with " +
                        $"\"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = {Key & 0xffffffff}\" and end it with pg_terminate_backend.");
                }

                if (timeProvider.GetElapsedTime(lastReport) >= ReportInterval)
                {
                    lastReport = timeProvider.GetTimestamp();
                    LogWaiting(logger, waited.TotalSeconds);
                }

                await Task.Delay(PollInterval, timeProvider, cancellationToken);
            }

            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases the lock even if the unlock above failed.
                await connection.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another worker holds the migration lock; waited {WaitedSeconds:0} s so far")]
    private static partial void LogWaiting(ILogger logger, double waitedSeconds);
}
