using Microsoft.Extensions.Logging;
using Npgsql;
using Marketplace.Data;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Answers "is there anything to do?" with plain SQL and no EF Core model, so the run every deployment pays on a
/// database that is already current stays close to the cost of opening one connection.
/// </summary>
public sealed partial class DatabaseReadiness(NpgsqlDataSource dataSource, ILogger<DatabaseReadiness> logger)
{
    private static readonly string CurrentSql = $"""
        SELECT (SELECT count(*) FROM "Category" WHERE "Slug" IN ({string.Join(", ", CategorySeeder.BaseCategories.Select(c => $"'{c.Slug}'"))})) = {CategorySeeder.BaseCategories.Count}
           AND NOT EXISTS ({ListingBackfill.CategoryCandidatesSql})
           AND NOT EXISTS ({ListingBackfill.SearchVectorCandidatesSql})
        """;

    public async Task<bool> IsCurrentAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("check");
        var pending = await MarketplaceMigrations.ReadPendingAsync(dataSource, cancellationToken);
        var current = pending.Count == 0 && await SeededAndBackfilledAsync(cancellationToken);
        step.Activity?.SetTag("marketplace.migrations.pending", pending.Count);
        step.Activity?.SetTag("marketplace.database.current", current);
        if (current)
        {
            LogCurrent(logger, MarketplaceMigrations.All.Count, step.Elapsed.TotalMilliseconds);
        }

        return current;
    }

    private async Task<bool> SeededAndBackfilledAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CurrentSql);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is current: all {Migrations} migrations applied, base categories present, no listing to backfill (checked in {ElapsedMs:0} ms)")]
    private static partial void LogCurrent(ILogger logger, int migrations, double elapsedMs);
}
