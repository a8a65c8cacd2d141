using System.CommandLine;
using Marketplace.Data.Tooling.Linting;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>lint</c>: reads the migrations for operations that are unsafe on a live PostgreSQL and prints the findings
/// grouped by migration; exit 8 while any unacknowledged error remains. It reads code only, so it needs no database
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
            "Check the migrations for operations unsafe on a live PostgreSQL (data loss, long locks, table rewrites). " +
            "Needs no database. Exit code 0 when no unacknowledged error remains, 8 otherwise.")
        {
            json,
            since,
        };
        command.SetAction((parseResult, _) => Task.FromResult(Run(
            invocation,
            migrations ?? MigrationSequence.FromMarketplace,
            parseResult.GetValue(json),
            parseResult.GetValue(since))));
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
                return Fail(invocation, ExitCodes.UsageOrConfiguration,
                    $"--since names no migration: '{since}'. Give a migration's name (e.g. AddCategoryModel) or its full id, " +
                    $"as 'dotnet ef migrations list' prints them; the known migrations are: {known}.");
            }

            report = MigrationLinter.Lint(sequence.Subjects(sinceId));
        }
        catch (Exception ex)
        {
            // Loading runs the migrations' own code (Up, BuildTargetModel); whatever it throws is a fault in that code.
            return Fail(invocation, ExitCodes.UnexpectedError, $"Could not lint the migrations: {ex.GetBaseException().Message}");
        }

        invocation.Output.Write(json ? report.ToJson() + Environment.NewLine : report.ToText());
        if (!report.HasBlockingFindings)
        {
            return ExitCodes.Success;
        }

        return Fail(invocation, ExitCodes.UnsafeMigration,
            $"{report.BlockingFindings.Count} unacknowledged error(s) in the migrations. Fix the migration, or, when the operation is " +
            "safe for this database, acknowledge that finding on the migration class with " +
            "[AcknowledgeLint(\"<rule>\", \"<target>\", Reason = \"why it is safe\")].");
    }

    private static int Fail(WorkerInvocation invocation, int exitCode, string message)
    {
        invocation.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
