using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Before anything is applied, refuses a database that is not what its own migration history says it is (exit code 5,
/// nothing applied): its live schema is compared with the target model of the last migration it recorded. Migrating
/// such a database further would build on an unknown state; a database with the model's tables but no history at all
/// was made without migrations (or lost its history table) and wants <c>baseline</c>, not <c>migrate</c>.
/// </summary>
public sealed partial class HistoryDriftGate(
    MarketplaceDbContext db,
    SchemaVerifier verifier,
    SchemaDriftDetector driftDetector,
    ILogger<HistoryDriftGate> logger)
{
    /// <param name="history">The validated history (<see cref="ChecksumValidator"/>).</param>
    public async Task RefuseDriftAsync(SchemaVerification history, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("check-history-drift");
        if (!history.HasHistory)
        {
            var againstModel = await driftDetector.DetectAsync(db, cancellationToken);
            if (againstModel.ModelTablesInDatabase > 0)
            {
                throw new WorkerFailedException(ExitCodes.SchemaDrift, DescribeMadeWithoutMigrations(againstModel.ModelTablesInDatabase));
            }

            return;
        }

        var drift = await verifier.DetectDriftFromHistoryAsync(db, history, cancellationToken);
        step.Activity?.SetTag("marketplace.schema.differences", drift?.Differences.Count ?? 0);
        if (drift is { HasDrift: true })
        {
            var failure = new WorkerFailedException(ExitCodes.SchemaDrift,
                $"Refusing to migrate: the database is not what its migration history says (the schema of {history.Applied[^1].Id}). " +
                $"It differs in {Plural.Of(drift.Differences.Count, "way")}:{Environment.NewLine}{drift.Describe()}{Environment.NewLine}" +
                LeftByInterruptedRun(drift, history.Pending) +
                "Nothing was applied. Fix the database (the status command names each difference), or acknowledge an intended " +
                $"difference in {SchemaDriftOptions.SectionName}:Allow with a reason, then run the worker again.");
            step.Fail(failure);
            throw failure;
        }

        LogMatchesHistory(logger, history.Applied[^1].Id, step.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Objects in the database that a pending migration creates were left by a run of it that did not finish (killed
    /// after a step that cannot run in a transaction): say which, and how to undo each, so the next run can apply it whole.
    /// </summary>
    private string LeftByInterruptedRun(SchemaDriftReport drift, IReadOnlyList<string> pending)
    {
        var created = new Dictionary<string, (string Migration, string Undo)>(StringComparer.Ordinal);
        foreach (var id in pending)
        {
            foreach (var operation in CompiledMigrations.Create(db, id).UpOperations)
            {
                var (name, undo) = operation switch
                {
                    CreateIndexOperation index => (SchemaObjectKind.Name(SchemaObjectKind.Index, index.Name), $"DROP INDEX CONCURRENTLY \"{index.Name}\";"),
                    CreateTableOperation table => (SchemaObjectKind.Name(SchemaObjectKind.Table, table.Name), $"DROP TABLE \"{table.Name}\";"),
                    AddColumnOperation column => (SchemaObjectKind.Name(SchemaObjectKind.Column, $"{column.Table}.{column.Name}"), $"ALTER TABLE \"{column.Table}\" DROP COLUMN \"{column.Name}\";"),
                    _ => ((string?)null, ""),
                };
                if (name is not null)
                {
                    created.TryAdd(name, (id, undo));
                }
            }
        }

        var leftovers = drift.Differences
            .Where(d => created.ContainsKey(d.Object) && d.Description.EndsWith("is in the database but not in the model", StringComparison.Ordinal))
            .Select(d => (d.Object, created[d.Object].Migration, created[d.Object].Undo))
            .ToList();
        return leftovers.Count == 0
            ? ""
            : "A run of the pending migrations was interrupted before it was recorded, and left " +
              string.Join("; ", leftovers.Select(l => $"{l.Object} (from {l.Migration}; undo with {l.Undo})")) + ". ";
    }

    /// <summary>The paragraph for a database with the model's tables and no migration history; status says the same.</summary>
    public static string DescribeMadeWithoutMigrations(int modelTables) =>
        $"The database has no migration history, but {Plural.Of(modelTables, "of the model's table")} exist: its schema was made " +
        "without migrations (EnsureCreated, scripts or a db push), or its history table was dropped. migrate would fail on the " +
        "existing tables, so nothing was applied. If the schema matches the model, the baseline command records the migrations " +
        "as applied; otherwise status lists each difference.";

    [LoggerMessage(Level = LogLevel.Information, Message = "The schema is what the migration history says ({Last}); checked in {ElapsedMs:0} ms")]
    private static partial void LogMatchesHistory(ILogger logger, string last, double elapsedMs);
}
