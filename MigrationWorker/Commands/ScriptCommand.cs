using System.CommandLine;
using Marketplace.Data;
using Marketplace.SchemaGuard;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

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
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, ct) => WriteAsync(invocation, services.GetRequiredService<MarketplaceDbContext>(), parseResult.GetValue(output), ct),
            cancellationToken,
            connectsToDatabase: false));
        return command;
    }

    private static async Task<int> WriteAsync(WorkerInvocation invocation, MarketplaceDbContext db, FileInfo? output, CancellationToken cancellationToken)
    {
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
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration, $"Cannot write the script to {output.FullName}: {ex.Message}", ex);
        }

        await invocation.Error.WriteLineAsync(
            $"Wrote the idempotent script of {Plural.Of(db.Database.GetMigrations().Count(), "migration")} to {output.FullName}");
        return ExitCodes.Success;
    }
}
