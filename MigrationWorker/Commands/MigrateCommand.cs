using System.CommandLine;
using System.Diagnostics;
using Marketplace.MigrationWorker.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Commands;

/// <summary><c>migrate</c> (the default): wait for the database, apply pending migrations, seed, backfill.</summary>
public static partial class MigrateCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var command = new Command("migrate", "Wait for the database, apply pending migrations, seed the base categories and backfill Listing.CategoryId (the default command).");
        command.SetAction((_, cancellationToken) => RunAsync(invocation, cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(WorkerInvocation invocation, CancellationToken cancellationToken) =>
        WorkerHost.RunAsync(invocation, async (services, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var run = WorkerTelemetry.ActivitySource.StartActivity("migration-worker");
            await services.GetRequiredService<DatabaseWaiter>().WaitAsync(ct);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
            if (await services.GetRequiredService<DatabaseReadiness>().IsCurrentAsync(ct))
            {
                return ExitCodes.Success;
            }

            IReadOnlyList<string> applied;
            int seeded;
            long backfilled;
            await using (await services.GetRequiredService<MigrationLock>().AcquireAsync(ct))
            {
                applied = await services.GetRequiredService<MigrationApplier>().ApplyPendingAsync(ct);
                seeded = await services.GetRequiredService<CategorySeeder>().SeedAsync(ct);
                backfilled = await services.GetRequiredService<CategoryBackfill>().BackfillAsync(ct);
            }

            LogDone(logger, applied.Count, seeded, backfilled, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return ExitCodes.Success;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Applied} migration(s) applied, {Seeded} categor(y/ies) seeded, {Backfilled} listing(s) backfilled, in {ElapsedMs:0} ms")]
    private static partial void LogDone(ILogger logger, int applied, int seeded, long backfilled, double elapsedMs);
}
