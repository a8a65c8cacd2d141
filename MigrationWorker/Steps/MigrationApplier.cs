using System.Diagnostics;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Applies pending migrations one at a time through EF Core's migrator, so each migration is its own
/// transaction, has its own span, and a failure names the migration that failed. Callers hold
/// <see cref="MigrationLock"/>, so the pending list cannot change underneath.
/// </summary>
public sealed partial class MigrationApplier(
    MarketplaceDbContext db,
    NpgsqlDataSource dataSource,
    ILogger<MigrationApplier> logger)
{
    public async Task<IReadOnlyList<string>> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("migrate");
        // Asked without EF Core first: building the model is most of the cost of a run with nothing to do.
        var pending = await MarketplaceMigrations.ReadPendingAsync(dataSource, cancellationToken);
        step.Activity?.SetTag("marketplace.migrations.pending", pending.Count);
        if (pending.Count == 0)
        {
            LogUpToDate(logger, step.Elapsed.TotalMilliseconds);
            return [];
        }

        // Creating the history table first keeps EF Core from logging a failed query against a new database.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

        LogPending(logger, pending.Count, string.Join(", ", pending));
        var migrator = db.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            await ApplyAsync(migrator, migration, cancellationToken);
        }

        step.Activity?.SetTag("marketplace.migrations.applied", pending.Count);
        LogApplied(logger, pending.Count, step.Elapsed.TotalMilliseconds);
        return pending;
    }

    private async Task ApplyAsync(IMigrator migrator, string migration, CancellationToken cancellationToken)
    {
        using var span = WorkerTelemetry.ActivitySource.StartActivity(migration);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await migrator.MigrateAsync(migration, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            span?.AddException(ex);
            var databaseError = ex is PostgresException or DbUpdateException ? Describe(ex) : ex.GetBaseException().Message;
            var outcome = RunsOutsideTransaction(migration)
                ? "It has steps that cannot run in a transaction (CREATE INDEX CONCURRENTLY or SQL that suppresses it), " +
                  "so steps before the failure may remain; compare the database with the migration (the worker's status " +
                  "command names the differences) and undo them or finish by hand, then run the worker again."
                : "It was rolled back whole; migrations before it remain applied. Fix the migration or the data it trips on, then run the worker again.";
            throw new WorkerFailedException(ExitCodes.MigrationFailed, $"Migration {migration} failed: {databaseError} {outcome}", ex);
        }

        WorkerTelemetry.MigrationsApplied.Add(1);
        LogMigrationApplied(logger, migration, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private bool RunsOutsideTransaction(string migrationId)
    {
        var assembly = db.GetService<IMigrationsAssembly>();
        var migration = assembly.CreateMigration(assembly.Migrations[migrationId], db.Database.ProviderName!);
        return migration.UpOperations.Any(operation => operation switch
        {
            SqlOperation sql => sql.SuppressTransaction,
            CreateIndexOperation index => index["Npgsql:CreatedConcurrently"] is true,
            _ => false,
        });
    }

    private static string Describe(Exception ex) => ex.GetBaseException() switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}{(pg.Detail is null ? "" : $" ({pg.Detail})")}",
        var other => other.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date; no migration to apply (checked in {ElapsedMs:0} ms)")]
    private static partial void LogUpToDate(ILogger logger, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} migration(s) pending: {Migrations}")]
    private static partial void LogPending(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} in {ElapsedMs:0} ms")]
    private static partial void LogMigrationApplied(ILogger logger, string migration, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) in {ElapsedMs:0} ms")]
    private static partial void LogApplied(ILogger logger, int count, double elapsedMs);
}
