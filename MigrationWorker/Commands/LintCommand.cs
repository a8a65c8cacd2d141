using System.CommandLine;
using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Linting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>lint</c>: reads the migrations for operations that are unsafe on a live PostgreSQL and prints the findings
/// grouped by migration, with the marks migrations carry (contract step, no lock timeout, a label not written yet) and
/// their reasons; exit 8 while any unacknowledged error remains. It reads code only, so it needs no database
/// and no connection string, and runs wherever CI builds.
/// </summary>
public static class LintCommand
{
    /// <param name="migrations">Where the migrations come from; the Marketplace migrations unless a test supplies a corpus.</param>
    public static Command Create(WorkerInvocation invocation, Func<MigrationSequence>? migrations = null)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Write the report as JSON with stable property names, for machines.",
        };
        var since = new Option<string?>("--since")
        {
            Description = "Lint only the migrations after this one, given by name (AddCategoryModel) or full id.",
            HelpName = "migration",
        };
        var command = new Command(
            "lint",
            "Check the migrations for operations unsafe on a live PostgreSQL (data loss, long locks, table rewrites, " +
            "breaking the version still serving during a deploy) and list the marks migrations carry. " +
            "Needs no database. Exit code 0 when no unacknowledged error remains, 8 otherwise.")
        {
            json,
            since,
        };
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, _) => Task.FromResult(Run(
                invocation,
                migrations ?? (() => MigrationSequence.FromContext(services.GetRequiredService<MarketplaceDbContext>(), MarketplaceDbContextFactory.MigrationsFolder)),
                parseResult.GetValue(json),
                parseResult.GetValue(since))),
            cancellationToken,
            connectsToDatabase: false,
            jsonErrors: parseResult.GetValue(json)));
        return command;
    }

    private static int Run(WorkerInvocation invocation, Func<MigrationSequence> migrations, bool json, string? since)
    {
        MigrationSequence sequence;
        LintReport report;
        try
        {
            sequence = migrations();
            string? sinceId = null;
            if (since is not null && (sinceId = sequence.FindId(since)) is null)
            {
                var known = sequence.Migrations.Count == 0 ? "there are none" : string.Join(", ", sequence.Migrations.Select(LintSubject.IdOf));
                throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                    $"--since names no migration: '{since}'. Give a migration's name (e.g. AddCategoryModel) or its full id, " +
                    $"as 'dotnet ef migrations list' prints them; the known migrations are: {known}.");
            }

            report = MigrationLinter.Lint(sequence.Subjects(sinceId));
        }
        catch (Exception ex) when (ex is not WorkerFailedException)
        {
            // Loading runs the migrations' own code (Up, BuildTargetModel); whatever it throws is a fault in that code.
            throw new WorkerFailedException(ExitCodes.UnexpectedError, $"Could not lint the migrations: {ex.GetBaseException().Message}", ex);
        }

        invocation.Output.Write(json ? report.ToJson() + Environment.NewLine : report.ToText());
        if (!report.HasBlockingFindings)
        {
            return ExitCodes.Success;
        }

        // Not thrown: the report is already on stdout, and --json must stay one JSON document.
        invocation.Error.WriteLine(
            $"error: {Plural.Of(report.BlockingFindings.Count, "unacknowledged error")} in the migrations. Fix the migration, or, when the operation is " +
            "safe for this database, acknowledge that finding on the migration class with " +
            "[AcknowledgeLint(\"<rule>\", \"<target>\", Reason = \"why it is safe\")]; a mark's own error needs a reason on the mark.");
        return ExitCodes.UnsafeMigration;
    }
}
