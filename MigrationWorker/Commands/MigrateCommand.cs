using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>migrate</c> (the default): the <see cref="MigrationPipeline"/>. With <c>--to</c>, move up or down to one migration.
/// </summary>
public static class MigrateCommand
{
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
            "Wait for the database, validate applied migrations' checksums (exit code 6 if one changed), refuse a database that " +
            "differs from what its history says (5), apply pending migrations (4 if one fails), verify the schema against the model " +
            "(5 on drift), seed the base categories and backfill. The default command.")
        {
            Options = { to, allowDrift, allowDataLoss },
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            invocation,
            parseResult.GetValue(to),
            parseResult.GetValue(allowDrift),
            parseResult.GetValue(allowDataLoss),
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(
        WorkerInvocation invocation,
        string? to,
        bool allowDrift,
        bool allowDataLoss,
        CancellationToken cancellationToken) =>
        WorkerHost.RunAsync(invocation, (services, ct) =>
        {
            var pipeline = services.GetRequiredService<MigrationPipeline>();
            return to is null
                ? pipeline.MigrateAsync(allowDrift, ct)
                : pipeline.MoveToAsync(to, allowDrift, allowDataLoss, ct);
        }, cancellationToken);
}
