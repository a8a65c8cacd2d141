using System.Diagnostics;
using Marketplace.MigrationWorker.Steps;
using Marketplace.SchemaGuard;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker;

/// <summary>
/// <c>migrate</c>, one step per class, in the order they run: wait for the database; end here if there is nothing to
/// do; take the migration lock; validate applied migrations' checksums (6); drop what an interrupted concurrent index
/// build left; refuse a database that is not what its history says (5); apply pending migrations, each with a lock
/// timeout (4); verify the result against the model and stamp it (5); seed; backfill; the Api's database role (also
/// when there was nothing else to do).
/// The steps that need the DbContext are resolved only when a run gets that far (<see cref="LazyStep{T}"/>).
/// </summary>
public sealed partial class MigrationPipeline(
    DatabaseWaiter databaseWaiter,
    NothingToDoCheck nothingToDoCheck,
    MigrationLock migrationLock,
    Lazy<ChecksumValidator> checksumValidator,
    Lazy<InvalidIndexRepair> invalidIndexRepair,
    Lazy<HistoryDriftGate> historyDriftGate,
    Lazy<MigrationApplier> migrationApplier,
    Lazy<SchemaGate> schemaGate,
    CategorySeeder categorySeeder,
    ListingBackfill listingBackfill,
    ApiLoginRole apiLoginRole,
    Lazy<DataLossGuard> dataLossGuard,
    GuardedContext guarded,
    ILogger<MigrationPipeline> logger)
{
    /// <summary>Brings the database to the latest migration, verified, seeded and backfilled.</summary>
    public async Task<int> MigrateAsync(bool allowDrift, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var run = WorkerTelemetry.ActivitySource.StartActivity("migration-worker");
        await databaseWaiter.WaitAsync(cancellationToken);
        var state = await nothingToDoCheck.CheckAsync(cancellationToken);
        if (state.NothingToDo)
        {
            await apiLoginRole.ProvideAsync(cancellationToken);
            return ExitCodes.Success;
        }

        await using (await migrationLock.AcquireAsync(cancellationToken))
        {
            IReadOnlyList<string> applied = [];
            // A schema this build verified needs only its data work; asked again under the lock, in case another worker moved it.
            if (!state.SchemaVerified || !(await nothingToDoCheck.CheckAsync(cancellationToken)).SchemaVerified)
            {
                var history = await checksumValidator.Value.ValidateAsync(cancellationToken);
                if (history.Pending.Count > 0)
                {
                    await invalidIndexRepair.Value.RepairAsync(history.Pending, cancellationToken);
                    await historyDriftGate.Value.RefuseDriftAsync(history, cancellationToken);
                }

                applied = await migrationApplier.Value.ApplyAsync(history.Pending, cancellationToken);
                await schemaGate.Value.VerifyAsync(allowDrift, cancellationToken);
            }

            var seeded = await categorySeeder.SeedAsync(cancellationToken);
            var backfilled = await listingBackfill.BackfillAsync(cancellationToken);
            await apiLoginRole.ProvideAsync(cancellationToken);
            LogDone(logger, Plural.Of(applied.Count, "migration"), Plural.Of(seeded, "category"), Plural.Of(backfilled, "listing"),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Moves the database up or down to <paramref name="nameOrId"/> (a migration's name or id, or 0 for none), one migration per
    /// transaction; at the latest migration this is <see cref="MigrateAsync"/>. Below it the schema is not compared with the
    /// model (which describes the latest), and nothing is seeded.
    /// </summary>
    public async Task<int> MoveToAsync(string nameOrId, bool allowDrift, bool allowDataLoss, CancellationToken cancellationToken)
    {
        var target = ResolveTarget(nameOrId);
        if (target == guarded.MigrationIds[^1])
        {
            return await MigrateAsync(allowDrift, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        using var run = WorkerTelemetry.ActivitySource.StartActivity("migration-worker");
        await databaseWaiter.WaitAsync(cancellationToken);
        await using (await migrationLock.AcquireAsync(cancellationToken))
        {
            var history = await checksumValidator.Value.ValidateAsync(cancellationToken);
            await invalidIndexRepair.Value.RepairAsync(history.Pending, cancellationToken);
            await historyDriftGate.Value.RefuseDriftAsync(history, cancellationToken);
            var reverting = history.Applied
                .Select(a => a.Id)
                .Where(id => string.CompareOrdinal(id, target) > 0)
                .OrderDescending(StringComparer.Ordinal)
                .ToList();
            if (reverting.Count > 0)
            {
                await dataLossGuard.Value.CheckAsync(reverting, target, allowDataLoss, cancellationToken);
                await migrationApplier.Value.RevertAsync(reverting, target, cancellationToken);
            }
            else
            {
                await migrationApplier.Value.ApplyAsync([.. history.Pending.Where(id => string.CompareOrdinal(id, target) <= 0)], cancellationToken);
            }
        }

        var pending = guarded.MigrationIds.Count(id => string.CompareOrdinal(id, target) > 0);
        LogMovedTo(logger, target, Plural.Of(pending, "migration"), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return ExitCodes.Success;
    }

    /// <summary>A migration's id from its id or its name (case-insensitive), as <c>dotnet ef database update</c> accepts them.</summary>
    private string ResolveTarget(string nameOrId)
    {
        if (nameOrId == Migration.InitialDatabase)
        {
            return Migration.InitialDatabase;
        }

        return guarded.MigrationIds.FirstOrDefault(id =>
                   string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                   || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase))
               ?? throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                   $"--to {nameOrId}: no such migration. Give a name or id of one of: " +
                   string.Join(", ", guarded.MigrationIds) + $", or {Migration.InitialDatabase} to revert all.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Applied} applied, {Seeded} seeded, {Backfilled} backfilled, in {ElapsedMs:0} ms")]
    private static partial void LogDone(ILogger logger, string applied, string seeded, string backfilled, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database moved to migration {Target} in {ElapsedMs:0} ms; {Pending} after it pending. The schema is verified against the model, and categories seeded, when the database is at the latest migration")]
    private static partial void LogMovedTo(ILogger logger, string target, string pending, double elapsedMs);
}
