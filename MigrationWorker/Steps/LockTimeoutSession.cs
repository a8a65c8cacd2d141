using System.Reflection;
using Marketplace.Data;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// The context's connection for one migration attempt, with PostgreSQL's lock_timeout set so that a statement waits for
/// a table lock at most <c>MigrationWorker:DdlLockTimeout</c> (unless the migration opts out, with a reason lint lists),
/// and a watch, from a second connection, on the sessions
/// that block it (pg_blocking_pids), so a migration that gives up can name who held the lock.
/// </summary>
public sealed class LockTimeoutSession : IAsyncDisposable
{
    private readonly MarketplaceDbContext _db;
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watch;

    private LockTimeoutSession(MarketplaceDbContext db, NpgsqlDataSource dataSource, int pid, TimeSpan lockTimeout)
    {
        _db = db;
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(lockTimeout.TotalMilliseconds / 4, 50, 1000));
        _watch = WatchAsync(dataSource, pid, interval, _stopWatching.Token);
    }

    /// <summary>The sessions last seen blocking this one; empty when none was seen.</summary>
    public IReadOnlyList<LockBlocker> Blockers { get; private set; } = [];

    /// <param name="migrationId">The migration about to run; one marked <see cref="WithoutLockTimeoutAttribute"/> waits for its locks as long as it takes.</param>
    public static async Task<LockTimeoutSession> StartAsync(
        MarketplaceDbContext db, NpgsqlDataSource dataSource, IOptions<MigrationWorkerOptions> options, string migrationId, CancellationToken cancellationToken)
    {
        // Opened here, the connection stays open through EF Core's migrator, so the setting holds for every statement.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var optedOut = db.GetService<IMigrationsAssembly>().Migrations.TryGetValue(migrationId, out var type)
                       && type.GetCustomAttribute<WithoutLockTimeoutAttribute>() is not null;
        // 0 is PostgreSQL's "wait as long as it takes".
        var milliseconds = optedOut ? 0 : (long)Math.Ceiling(options.Value.DdlLockTimeout.TotalMilliseconds);
        // And a worker killed mid-migration must not leave its statement running on the server, finishing unrecorded:
        // PostgreSQL 14 and later look for the vanished client every second while a statement runs.
        var checkClient = connection.PostgreSqlVersion.Major >= 14 ? "; SET client_connection_check_interval = 1000" : "";
        await using (var set = new NpgsqlCommand($"SET lock_timeout = {milliseconds}{checkClient}", connection))
        {
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        return new LockTimeoutSession(db, dataSource, connection.ProcessID, options.Value.DdlLockTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await _watch;
        _stopWatching.Dispose();
        try
        {
            await using var reset = new NpgsqlCommand("RESET lock_timeout; RESET client_connection_check_interval", (NpgsqlConnection)_db.Database.GetDbConnection());
            await reset.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A connection that broke takes its settings with it.
        }

        await _db.Database.CloseConnectionAsync();
    }

    private async Task WatchAsync(NpgsqlDataSource dataSource, int pid, TimeSpan interval, CancellationToken stop)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, 'unknown'),
                   extract(epoch FROM now() - coalesce(a.xact_start, a.query_start, a.backend_start))::float8,
                   left(regexp_replace(coalesce(a.query, ''), '\s+', ' ', 'g'), 120)
            FROM pg_stat_activity a
            WHERE a.pid = ANY (pg_blocking_pids($1))
            ORDER BY a.xact_start NULLS LAST
            """;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop);
                await using var command = dataSource.CreateCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = pid });
                await using var reader = await command.ExecuteReaderAsync(stop);
                var blockers = new List<LockBlocker>();
                while (await reader.ReadAsync(stop))
                {
                    blockers.Add(new LockBlocker(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                        TimeSpan.FromSeconds(reader.GetDouble(3)), reader.GetString(4)));
                }

                if (blockers.Count > 0)
                {
                    Blockers = blockers;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (NpgsqlException)
        {
            // Watching is best effort: the migration's own outcome does not depend on it.
        }
    }
}
