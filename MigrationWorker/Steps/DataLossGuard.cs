using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Before migrations are reverted, finds the tables and columns their Down operations drop and counts the data in
/// them now. Data at risk refuses the step (exit code 8) unless the caller allows data loss, which is then logged.
/// </summary>
public sealed partial class DataLossGuard(MarketplaceDbContext db, NpgsqlDataSource dataSource, ILogger<DataLossGuard> logger)
{
    /// <summary>A table or column a Down operation drops, and how many rows or non-null values it holds.</summary>
    public sealed record DataAtRisk(string MigrationId, string What, long Count)
    {
        public string Description => What.StartsWith("table ", StringComparison.Ordinal)
            ? $"{What} ({Plural.Of(Count, "row")})"
            : $"{What} ({Plural.Of(Count, "non-null value")})";
    }

    /// <param name="reverting">The migrations about to be reverted, latest first.</param>
    public async Task CheckAsync(IReadOnlyList<string> reverting, string target, bool allowDataLoss, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("data-loss-check");
        var atRisk = await FindAsync(reverting, cancellationToken);
        step.Activity?.SetTag("marketplace.data_at_risk", atRisk.Count);
        if (atRisk.Count == 0)
        {
            return;
        }

        var description = string.Join("; ", atRisk.GroupBy(r => r.MigrationId).Select(g =>
            $"reverting {g.Key} drops {string.Join(" and ", g.Select(r => r.Description))}"));
        if (!allowDataLoss)
        {
            throw new WorkerFailedException(ExitCodes.UnsafeMigration,
                $"Moving the database down to {target} would destroy data: {description}. " +
                "Back up what you need, then run again with --allow-data-loss.");
        }

        LogDataLossAllowed(logger, target, description);
    }

    private async Task<List<DataAtRisk>> FindAsync(IReadOnlyList<string> reverting, CancellationToken cancellationToken)
    {
        var drops = new List<(string MigrationId, string What, string Sql)>();
        foreach (var id in reverting)
        {
            var migration = CompiledMigrations.Create(db, id);
            foreach (var operation in migration.DownOperations)
            {
                switch (operation)
                {
                    case DropTableOperation table:
                        drops.Add((id, $"table {Display(table.Schema, table.Name)}",
                            $"SELECT CASE WHEN to_regclass({SqlNames.Literal(SqlNames.Quote(table.Schema, table.Name))}) IS NULL THEN 0 " +
                            $"ELSE (SELECT count(*) FROM {SqlNames.Quote(table.Schema, table.Name)}) END"));
                        break;
                    case DropColumnOperation column:
                        drops.Add((id, $"column {Display(column.Schema, column.Table)}.{column.Name}", CountColumnSql(column)));
                        break;
                }
            }
        }

        if (drops.Count == 0)
        {
            return [];
        }

        // Whether each table and column still exists is checked first, so a hand-dropped one is not an error.
        var existing = await ExistingColumnsAsync(drops.Where(d => d.What.StartsWith("column ", StringComparison.Ordinal)).Select(d => d.What), cancellationToken);
        var atRisk = new List<DataAtRisk>();
        foreach (var (migrationId, what, sql) in drops)
        {
            if (what.StartsWith("column ", StringComparison.Ordinal) && !existing.Contains(what))
            {
                continue;
            }

            await using var command = dataSource.CreateCommand(sql);
            var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (count > 0)
            {
                atRisk.Add(new DataAtRisk(migrationId, what, count));
            }
        }

        return atRisk;
    }

    private async Task<HashSet<string>> ExistingColumnsAsync(IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 'column ' || CASE WHEN table_schema = current_schema() THEN '' ELSE table_schema || '.' END || table_name || '.' || column_name
            FROM information_schema.columns
            WHERE 'column ' || CASE WHEN table_schema = current_schema() THEN '' ELSE table_schema || '.' END || table_name || '.' || column_name = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = columns.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    private static string CountColumnSql(DropColumnOperation column) =>
        $"SELECT count(*) FROM {SqlNames.Quote(column.Schema, column.Table)} WHERE {SqlNames.Quote(column.Name)} IS NOT NULL";

    private static string Display(string? schema, string name) => schema is null ? name : $"{schema}.{name}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data loss allowed by --allow-data-loss while moving down to {Target}: {Description}")]
    private static partial void LogDataLossAllowed(ILogger logger, string target, string description);
}
