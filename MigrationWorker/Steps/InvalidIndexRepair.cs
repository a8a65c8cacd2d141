using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Conventions;
using Marketplace.SchemaGuard.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// A concurrent index build that was interrupted (the worker killed, a lock timeout, a failed build) leaves an INVALID
/// index behind, and its migration unrecorded; running the migration again would fail on the name. Before pending
/// migrations run, each INVALID index one of them builds concurrently is dropped concurrently, so the migration builds
/// it again, and the log says so.
/// </summary>
public sealed partial class InvalidIndexRepair(
    MarketplaceDbContext db,
    NpgsqlDataSource dataSource,
    IOptions<MigrationWorkerOptions> options,
    ILogger<InvalidIndexRepair> logger)
{
    private const string InvalidSql = """
        SELECT n.nspname::text, c.relname::text
        FROM pg_catalog.pg_index ix
        JOIN pg_catalog.pg_class c ON c.oid = ix.indexrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT ix.indisvalid AND c.relname = ANY ($1) AND n.nspname = current_schema()
        """;

    /// <returns>How many indexes were dropped to be built again.</returns>
    public async Task<int> RepairAsync(IReadOnlyList<string> pending, CancellationToken cancellationToken)
    {
        var builds = ConcurrentBuilds(pending);
        if (builds.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var invalid = new List<string>();
        await using (var command = new NpgsqlCommand(InvalidSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = builds.Keys.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                invalid.Add(reader.GetString(1));
            }
        }

        if (invalid.Count == 0)
        {
            return 0;
        }

        await using (var timeout = new NpgsqlCommand($"SET lock_timeout = {(long)Math.Ceiling(options.Value.DdlLockTimeout.TotalMilliseconds)}", connection))
        {
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var index in invalid)
        {
            // Concurrently, in a statement of its own: PostgreSQL runs neither in a transaction block.
            await using var drop = new NpgsqlCommand($"DROP INDEX CONCURRENTLY IF EXISTS {SqlNames.Quote(index)}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            LogDropped(logger, index, builds[index]);
        }

        await using (var reset = new NpgsqlCommand("RESET lock_timeout", connection))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        return invalid.Count;
    }

    /// <summary>The indexes the migrations build concurrently, each with the migration that builds it.</summary>
    private Dictionary<string, string> ConcurrentBuilds(IReadOnlyList<string> migrationIds)
    {
        var builds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in migrationIds)
        {
            foreach (var index in CompiledMigrations.Create(db, id).UpOperations.OfType<CreateIndexOperation>().Where(ConcurrentIndex.IsConcurrent))
            {
                builds.TryAdd(index.Name, id);
            }
        }

        return builds;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped index {Index}, left INVALID by an interrupted concurrent build of migration {Migration}; the migration builds it again")]
    private static partial void LogDropped(ILogger logger, string index, string migration);
}
