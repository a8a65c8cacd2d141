using System.CommandLine;
using Marketplace.MigrationWorker.Commands;

namespace Marketplace.MigrationWorker;

/// <summary>The worker's commands. With no command it migrates, which is what orchestrators run.</summary>
public static class WorkerCommandLine
{
    public static RootCommand Create(WorkerInvocation invocation)
    {
        var root = new RootCommand(
            "Marketplace migration worker: brings a PostgreSQL database to the schema the code expects, and checks it. " +
            "The connection string comes from ConnectionStrings:marketplacedb (environment variable ConnectionStrings__marketplacedb). " +
            "Exit codes: 0 success; 1 a bug in the worker; 2 usage or configuration; 3 database unreachable or the migration lock held " +
            "too long; 4 a migration failed; 5 schema drift; 6 an applied migration changed; 7 migrations pending (status); " +
            "8 unsafe (lint, or a data-losing migrate --to); 9 the Api unreachable or refusing (seed-demo); 130 cancelled by Ctrl+C or SIGTERM.");
        root.Subcommands.Add(MigrateCommand.Create(invocation));
        root.Subcommands.Add(StatusCommand.Create(invocation));
        root.Subcommands.Add(BaselineCommand.Create(invocation));
        root.Subcommands.Add(ScriptCommand.Create(invocation));
        root.Subcommands.Add(LintCommand.Create(invocation));
        root.Subcommands.Add(CreateAdminCommand.Create(invocation));
        root.Subcommands.Add(SeedDemoCommand.Create(invocation));
        root.Subcommands.Add(DeadMailCommand.Create(invocation));
        root.SetAction((_, cancellationToken) => MigrateCommand.RunAsync(invocation, to: null, allowDrift: false, allowDataLoss: false, cancellationToken));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, WorkerInvocation? invocation = null, CancellationToken cancellationToken = default)
    {
        invocation ??= new WorkerInvocation();
        var parseResult = Create(invocation).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await invocation.Error.WriteLineAsync($"error: {error.Message}");
            }

            await invocation.Error.WriteLineAsync("Run with --help to see the commands and their options.");
            return ExitCodes.UsageOrConfiguration;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = invocation.Output, Error = invocation.Error },
            cancellationToken);
    }
}
