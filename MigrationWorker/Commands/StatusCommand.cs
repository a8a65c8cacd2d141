using System.CommandLine;
using Marketplace.Data;
using Marketplace.MigrationWorker.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Commands;

/// <summary><c>status</c>: which migrations are applied and which are pending; exit 7 while any is pending.</summary>
public static class StatusCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var command = new Command("status", "List applied and pending migrations. Exit code 0 when the database is current, 7 when migrations are pending.");
        command.SetAction((_, cancellationToken) => RunAsync(invocation, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(WorkerInvocation invocation, CancellationToken cancellationToken) =>
        WorkerHost.RunAsync(invocation, async (services, ct) =>
        {
            await services.GetRequiredService<DatabaseWaiter>().WaitAsync(ct);
            var db = services.GetRequiredService<MarketplaceDbContext>();
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            var output = invocation.Output;
            output.WriteLine($"Applied migrations ({applied.Count}):");
            foreach (var migration in applied)
            {
                output.WriteLine($"  {migration}");
            }

            output.WriteLine($"Pending migrations ({pending.Count}):");
            foreach (var migration in pending)
            {
                output.WriteLine($"  {migration}");
            }

            output.WriteLine(pending.Count == 0
                ? "The database is up to date."
                : $"The database is behind the code by {pending.Count} migration(s); run the worker's migrate command.");
            return pending.Count == 0 ? ExitCodes.Success : ExitCodes.MigrationsPending;
        }, cancellationToken);
}
