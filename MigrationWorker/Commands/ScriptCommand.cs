using System.CommandLine;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>script</c>: EF Core's idempotent SQL script of all migrations, for teams whose DBAs apply SQL by hand. It needs no
/// database. The script records migration checksums as the worker does, and can be applied twice (psql -v ON_ERROR_STOP=1 -f).
/// </summary>
public static class ScriptCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write the script to this file instead of stdout.",
            HelpName = "file",
        };
        var command = new Command("script",
            "Write the idempotent SQL script of all migrations (safe to apply to a database at any migration, and to apply twice). Needs no database.")
        {
            Options = { output },
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(invocation, parseResult.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WorkerInvocation invocation, FileInfo? output, CancellationToken cancellationToken)
    {
        // The design-time factory builds the same context as the worker without a connection string: no database is touched.
        await using var db = new MarketplaceDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        if (output is null)
        {
            await invocation.Output.WriteAsync(script.AsMemory(), cancellationToken);
            return ExitCodes.Success;
        }

        try
        {
            await File.WriteAllTextAsync(output.FullName, script, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await invocation.Error.WriteLineAsync($"error: cannot write the script to {output.FullName}: {ex.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        await invocation.Error.WriteLineAsync($"Wrote the idempotent script of {db.Database.GetMigrations().Count()} migration(s) to {output.FullName}");
        return ExitCodes.Success;
    }
}
