using System.Diagnostics;
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
/// Applies pending migrations one at a time through EF Core's migrator, so each migration is its own transaction, has
/// its own span, and a failure names the migration that failed and what this run did and did not apply. Callers hold
/// <see cref="MigrationLock"/>, so the pending list cannot change underneath.
/// </summary>
public sealed partial class MigrationApplier(
    MarketplaceDbContext db,
    NpgsqlDataSource dataSource,
    InvalidIndexRepair invalidIndexRepair,
    IOptions<MigrationWorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<MigrationApplier> logger)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    /// <param name="pending">The pending migrations, in order (<see cref="ChecksumValidator"/>'s history).</param>
    public async Task<IReadOnlyList<string>> ApplyAsync(IReadOnlyList<string> pending, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("migrate");
        step.Activity?.SetTag("marketplace.migrations.pending", pending.Count);
        if (pending.Count == 0)
        {
            LogUpToDate(logger);
            return [];
        }

        LogPending(logger, Plural.Of(pending.Count, "migration"), string.Join(", ", pending));
        var migrator = db.GetService<IMigrator>();
        for (var i = 0; i < pending.Count; i++)
        {
            await ApplyAsync(migrator, pending, i, cancellationToken);
        }

        step.Activity?.SetTag("marketplace.migrations.applied", pending.Count);
        LogApplied(logger, Plural.Of(pending.Count, "migration"), step.Elapsed.TotalMilliseconds);
        return pending;
    }

    /// <summary>Reverts <paramref name="reverting"/> (latest first) one at a time, each in its own transaction, down to <paramref name="target"/>.</summary>
    public async Task RevertAsync(IReadOnlyList<string> reverting, string target, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("revert");
        step.Activity?.SetTag("marketplace.migrations.reverting", reverting.Count);
        var migrator = db.GetService<IMigrator>();
        for (var i = 0; i < reverting.Count; i++)
        {
            // Migrating to the one below reverts exactly this one, so a failure names it.
            var below = i + 1 < reverting.Count ? reverting[i + 1] : target;
            using var span = WorkerTelemetry.ActivitySource.StartActivity("revert " + reverting[i]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await using var session = await LockTimeoutSession.StartAsync(db, dataSource, options, reverting[i], cancellationToken);
                await migrator.MigrateAsync(below, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
                throw new WorkerFailedException(ExitCodes.MigrationFailed,
                    $"Reverting migration {reverting[i]} failed: {Describe(ex)} {Outcome(reverting[i], reverting: true)} " +
                    $"{AppliedBefore(reverting, i, "reverted")} Fix the cause, then run again.",
                    ex);
            }

            LogReverted(logger, reverting[i], Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Applies one migration with lock_timeout set (<see cref="LockTimeoutSession"/>). One that gave up waiting for a lock
    /// is tried again after a growing pause, up to <c>MigrationWorker:DdlLockAttempts</c> times; then the run ends
    /// naming the session that held the lock.
    /// </summary>
    private async Task ApplyAsync(IMigrator migrator, IReadOnlyList<string> pending, int index, CancellationToken cancellationToken)
    {
        var migration = pending[index];
        using var span = WorkerTelemetry.ActivitySource.StartActivity(migration);
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<LockBlocker> blockers;
            try
            {
                await using var session = await LockTimeoutSession.StartAsync(db, dataSource, options, migration, cancellationToken);
                try
                {
                    await migrator.MigrateAsync(migration, cancellationToken);
                    break;
                }
                catch (Exception ex) when (IsLockTimeout(ex))
                {
                    blockers = session.Blockers;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not WorkerFailedException)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
                span?.AddException(ex);
                throw Failed(pending, index, $"Migration {migration} failed: {Describe(ex)} {Outcome(migration, reverting: false)}", ex);
            }

            var waited = options.Value.DdlLockTimeout;
            if (attempt >= options.Value.DdlLockAttempts)
            {
                span?.SetStatus(ActivityStatusCode.Error, "lock timeout");
                throw Failed(pending, index,
                    $"Migration {migration} waited longer than MigrationWorker:DdlLockTimeout ({waited.TotalSeconds:0.###} s) for a table lock " +
                    $"on each of {Plural.Of(attempt, "attempt")}, held by {Blamed(blockers)}. It was not applied. " +
                    "End that session or wait for it to finish (pg_terminate_backend(pid) ends it), then run the worker again.",
                    inner: null);
            }

            LogLockTimeout(logger, migration, attempt, options.Value.DdlLockAttempts, Blamed(blockers), pause.TotalSeconds);
            // A concurrent build that gave up leaves an INVALID index the next attempt would trip on.
            await invalidIndexRepair.RepairAsync([migration], cancellationToken);
            await Task.Delay(pause, timeProvider, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }

        WorkerTelemetry.MigrationsApplied.Add(1);
        LogMigrationApplied(logger, migration, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static WorkerFailedException Failed(IReadOnlyList<string> pending, int index, string what, Exception? inner)
    {
        var notApplied = pending.Count - index - 1;
        return new WorkerFailedException(ExitCodes.MigrationFailed,
            $"{what} {AppliedBefore(pending, index, "applied")} " +
            (notApplied > 0 ? $"It and the {Plural.Of(notApplied, "migration")} after it were not applied. " : "It was not applied. ") +
            "Fix the cause, then run the worker again.",
            inner);
    }

    private static string Blamed(IReadOnlyList<LockBlocker> blockers) => blockers.Count == 0
        ? "a session the worker did not see (it let go between looks)"
        : string.Join("; ", blockers.Select(b => b.Description));

    private static bool IsLockTimeout(Exception ex) =>
        ex.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    private string Outcome(string migrationId, bool reverting) => RunsOutsideTransaction(migrationId, reverting)
        ? "It has steps that cannot run in a transaction (an index built or dropped concurrently, or SQL that suppresses the " +
          "transaction), so steps before the failure may remain: compare the database with the migration (the status command " +
          $"names the differences) and undo or finish them by hand. It is not recorded as {(reverting ? "reverted" : "applied")}."
        : $"It was rolled back whole and is not recorded as {(reverting ? "reverted" : "applied")}.";

    private static string AppliedBefore(IReadOnlyList<string> migrations, int index, string verb) => index == 0
        ? $"This run {verb} nothing before it."
        : $"This run {verb} {Plural.Of(index, "migration")} before it, which stay {verb}: {string.Join(", ", migrations.Take(index))}.";

    private bool RunsOutsideTransaction(string migrationId, bool reverting)
    {
        var migration = CompiledMigrations.Create(db, migrationId);
        return (reverting ? migration.DownOperations : migration.UpOperations).Any(operation =>
            operation is SqlOperation { SuppressTransaction: true } || ConcurrentIndex.IsConcurrent(operation));
    }

    private static string Describe(Exception ex) => ex.GetBaseException() switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}{(pg.Detail is null ? "" : $" ({pg.Detail})")}.",
        var other => other.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration {Migration} gave up waiting for a table lock (attempt {Attempt} of {Attempts}), held by {Blocker}; trying again in {PauseSeconds:0.#} s")]
    private static partial void LogLockTimeout(ILogger logger, string migration, int attempt, int attempts, string blocker, double pauseSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "No migration to apply")]
    private static partial void LogUpToDate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Migrations} pending: {Ids}")]
    private static partial void LogPending(ILogger logger, string migrations, string ids);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} in {ElapsedMs:0} ms")]
    private static partial void LogMigrationApplied(ILogger logger, string migration, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reverted migration {Migration} in {ElapsedMs:0} ms")]
    private static partial void LogReverted(ILogger logger, string migration, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Migrations} in {ElapsedMs:0} ms")]
    private static partial void LogApplied(ILogger logger, string migrations, double elapsedMs);
}
