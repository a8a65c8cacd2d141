using System.CommandLine;
using System.Diagnostics;
using Marketplace.Data;
using Marketplace.MigrationWorker.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>migrate</c> (the default): wait for the database, validate applied migrations' checksums, apply pending
/// migrations, verify the schema against the model, seed, backfill. With <c>--to</c>, move up or down to one migration.
/// </summary>
public static partial class MigrateCommand
{
    /// <summary>What a <c>migrate</c> run may do beyond the default.</summary>
    public sealed record Settings(string? To = null, bool AllowDrift = false, bool AllowDataLoss = false);

    public static Command Create(WorkerInvocation invocation)
    {
        var to = new Option<string?>("--to")
        {
            Description = "Move the database up or down to this migration (its name, e.g. AddListingIndexes, or its id; 0 reverts all). " +
                          "Without it, every pending migration is applied.",
            HelpName = "migration",
        };
        var allowDrift = new Option<bool>("--allow-drift")
        {
            Description = "Log schema drift found after migrating as a warning instead of failing with exit code 5.",
        };
        var allowDataLoss = new Option<bool>("--allow-data-loss")
        {
            Description = "Let --to revert migrations whose Down drops a table or column that holds data (otherwise exit code 8).",
        };
        var command = new Command("migrate",
            "Wait for the database, validate applied migrations' checksums (exit code 6 if one changed), apply pending migrations, " +
            "verify the schema against the model (exit code 5 on drift), seed the base categories and backfill Listing.CategoryId. The default command.")
        {
            Options = { to, allowDrift, allowDataLoss },
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            invocation,
            new Settings(parseResult.GetValue(to), parseResult.GetValue(allowDrift), parseResult.GetValue(allowDataLoss)),
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(WorkerInvocation invocation, CancellationToken cancellationToken) =>
        RunAsync(invocation, new Settings(), cancellationToken);

    public static Task<int> RunAsync(WorkerInvocation invocation, Settings settings, CancellationToken cancellationToken) =>
        WorkerHost.RunAsync(invocation, async (services, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var run = WorkerTelemetry.ActivitySource.StartActivity("migration-worker");
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
            var migrations = MarketplaceMigrations.All;
            var target = settings.To is null ? null : ResolveTarget(services, settings.To, migrations);

            await services.GetRequiredService<DatabaseWaiter>().WaitAsync(ct);
            // Nothing to apply, seed or backfill, and a schema this build has verified as it is: done without building
            // the EF Core model. Anything else, including a hand edit since, takes the full path below.
            if ((target is null || target == migrations[^1])
                && await services.GetRequiredService<DatabaseReadiness>().IsCurrentAsync(ct)
                && await services.GetRequiredService<UnchangedSchemaCheck>().IsUnchangedSinceVerifiedAsync(ct))
            {
                return ExitCodes.Success;
            }

            await using (await services.GetRequiredService<MigrationLock>().AcquireAsync(ct))
            {
                await services.GetRequiredService<ChecksumValidator>().ValidateAsync(ct);

                if (target is not null && target != migrations[^1])
                {
                    await MoveToAsync(services, target, settings.AllowDataLoss, ct);
                    var pending = migrations.Count(id => string.CompareOrdinal(id, target) > 0);
                    LogMovedTo(logger, target, pending, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return ExitCodes.Success;
                }

                var applied = await services.GetRequiredService<MigrationApplier>().ApplyPendingAsync(ct);
                await services.GetRequiredService<SchemaVerifier>().VerifyAsync(settings.AllowDrift, ct);
                var seeded = await services.GetRequiredService<CategorySeeder>().SeedAsync(ct);
                var backfilled = await services.GetRequiredService<ListingBackfill>().BackfillAsync(ct);
                LogDone(logger, applied.Count, seeded, backfilled, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return ExitCodes.Success;
        }, cancellationToken);

    private static string ResolveTarget(IServiceProvider services, string nameOrId, IReadOnlyList<string> migrations)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        if (nameOrId == Migration.InitialDatabase)
        {
            return Migration.InitialDatabase;
        }

        return db.GetService<IMigrationsAssembly>().FindMigrationId(nameOrId)
               ?? throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                   $"--to {nameOrId}: no such migration. Give a name or id of one of: " +
                   string.Join(", ", migrations) + $", or {Migration.InitialDatabase} to revert all.");
    }

    private static async Task MoveToAsync(IServiceProvider services, string target, bool allowDataLoss, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var reverting = applied
            .Where(id => string.CompareOrdinal(id, target) > 0)
            .OrderDescending(StringComparer.Ordinal)
            .ToList();
        if (reverting.Count > 0)
        {
            await services.GetRequiredService<DataLossGuard>().CheckAsync(reverting, target, allowDataLoss, cancellationToken);
            await services.GetRequiredService<MigrationApplier>().RevertAsync(reverting, target, cancellationToken);
        }
        else
        {
            await services.GetRequiredService<MigrationApplier>().ApplyPendingAsync(cancellationToken, upTo: target);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Applied} migration(s) applied, {Seeded} categor(y/ies) seeded, {Backfilled} listing(s) backfilled, in {ElapsedMs:0} ms")]
    private static partial void LogDone(ILogger logger, int applied, int seeded, long backfilled, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database moved to migration {Target} in {ElapsedMs:0} ms; {Pending} migration(s) after it are pending. The schema is verified against the model, and categories seeded, when the database is at the latest migration")]
    private static partial void LogMovedTo(ILogger logger, string target, int pending, double elapsedMs);
}
