using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketplace.Data;
using Marketplace.MigrationWorker.Steps;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>status</c>, like <c>prisma migrate status</c>: applied migrations (with when), pending ones, checksum mismatches
/// and drift. Exit code 0 when current, 7 when migrations are pending, 6 when an applied migration changed, 5 on drift
/// (including a database that is not what its own history says, even while migrations are pending). Reads only; it
/// takes no lock and changes nothing.
/// </summary>
public static class StatusCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var json = new Option<bool>("--json") { Description = "Write the status as JSON on stdout, for machines (also when it cannot run)." };
        var command = new Command("status",
            "Show applied migrations (with when), pending migrations, applied migrations changed since, and schema drift. " +
            "Exit code 0 when the database is current, 7 when migrations are pending, 6 when an applied migration was changed, 5 on drift.")
        {
            Options = { json },
        };
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, ct) => ReportAsync(invocation, services, parseResult.GetValue(json), ct),
            cancellationToken,
            jsonErrors: parseResult.GetValue(json)));
        return command;
    }

    private static async Task<int> ReportAsync(WorkerInvocation invocation, IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseWaiter>().WaitAsync(cancellationToken);
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var verifier = services.GetRequiredService<SchemaVerifier>();
        var verification = await verifier.VerifyAsync(db, cancellationToken);
        // While migrations are pending, differences from the model are expected; differences from the history are not.
        var fromHistory = verification.Pending.Count > 0 ? await verifier.DetectDriftFromHistoryAsync(db, verification, cancellationToken) : null;
        var exitCode = ExitCodeOf(verification, fromHistory);
        var database = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var where = $"{database.Host}:{database.Port}/{database.Database}";
        await invocation.Output.WriteAsync(json
            ? JsonSerializer.Serialize(StatusReport.From(where, verification, fromHistory, exitCode), WorkerJson.Readable.GetTypeInfo(typeof(StatusReport))) + Environment.NewLine
            : Describe(where, verification, fromHistory));
        return exitCode;
    }

    /// <summary>A changed migration is the most serious; then a database that is not what its history says; then pending migrations; then drift.</summary>
    public static int ExitCodeOf(SchemaVerification verification, SchemaDriftReport? fromHistory) =>
        verification.ChecksumMismatches.Count > 0 ? ExitCodes.MigrationChanged
        : fromHistory is { HasDrift: true } || verification.MadeWithoutMigrations ? ExitCodes.SchemaDrift
        : verification.Pending.Count > 0 ? ExitCodes.MigrationsPending
        : verification.HasDrift ? ExitCodes.SchemaDrift
        : ExitCodes.Success;

    private static string Describe(string where, SchemaVerification verification, SchemaDriftReport? fromHistory)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Database {where}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Applied migrations ({verification.Applied.Count}):");
        var width = verification.Applied.Select(a => a.Id.Length).DefaultIfEmpty(0).Max();
        foreach (var migration in verification.Applied)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {migration.Id.PadRight(width)}  {When(migration)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Pending migrations ({verification.Pending.Count}):");
        foreach (var migration in verification.Pending)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {migration}");
        }

        if (verification.ChecksumMismatches.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Changed after they were applied ({verification.ChecksumMismatches.Count}):");
            foreach (var mismatch in verification.ChecksumMismatches)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {mismatch.Description}");
            }
        }

        if (verification.AppliedNotInCode.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Applied but not in this build ({verification.AppliedNotInCode.Count}; the database is ahead of this code):");
            foreach (var migration in verification.AppliedNotInCode)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {migration}");
            }
        }

        if (fromHistory is { HasDrift: true })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not what its migration history says ({fromHistory.Differences.Count}; the schema of {verification.Applied[^1].Id}):");
            foreach (var difference in fromHistory.Differences)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {difference.Description}");
            }
        }

        var drift = verification.Drift!;
        text.AppendLine(drift.HasDrift
            ? verification.Pending.Count > 0
                ? $"Differences from the model ({drift.Differences.Count}; expected until the pending migrations are applied):"
                : $"Schema drift ({drift.Differences.Count}):"
            : "Schema drift: none");
        foreach (var difference in drift.Differences)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {difference.Description}");
        }

        if (drift.Acknowledged.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Acknowledged in {SchemaDriftOptions.SectionName}:Allow ({drift.Acknowledged.Count}):");
            foreach (var acknowledged in drift.Acknowledged)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {acknowledged.Difference.Description} ({acknowledged.Reason})");
            }
        }

        foreach (var unused in drift.UnusedAllowances)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Note: {SchemaDriftOptions.SectionName}:Allow entry \"{unused.Object}\" matches nothing; remove it if the difference is gone.");
        }

        text.AppendLine();
        text.AppendLine(Verdict(verification, fromHistory));
        return text.ToString();
    }

    private static string When(AppliedMigration migration) => migration switch
    {
        { IsInCode: false } => "not in this build",
        { RecordedWith: null } => "applied before checksums were kept; the next migrate records its checksum",
        { RecordedWith: ChecksumRecordedWith.FirstValidation } => "applied before checksums were kept (when is unknown)",
        { RecordedWith: ChecksumRecordedWith.Baseline, AppliedAt: { } at } => $"baselined {Utc(at)}",
        { AppliedAt: { } at } => $"applied {Utc(at)}",
        _ => "applied",
    };

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Verdict(SchemaVerification verification, SchemaDriftReport? fromHistory)
    {
        if (verification.ChecksumMismatches.Count > 0)
        {
            return ChecksumValidator.DescribeMismatches(verification.ChecksumMismatches);
        }

        if (verification.MadeWithoutMigrations)
        {
            return HistoryDriftGate.DescribeMadeWithoutMigrations(verification.Drift!.ModelTablesInDatabase);
        }

        if (fromHistory is { HasDrift: true })
        {
            return "The database is not what its migration history says, so migrate will refuse to build on it: fix the differences " +
                   $"above, or acknowledge an intended one in {SchemaDriftOptions.SectionName}:Allow with a reason.";
        }

        if (verification.Pending.Count > 0)
        {
            return $"The database is behind the code by {Plural.Of(verification.Pending.Count, "migration")}: run the worker's migrate command.";
        }

        return verification.HasDrift
            ? "The database schema differs from the model: fix the database, add a migration for a change the model should have, " +
              $"or acknowledge an intended difference in {SchemaDriftOptions.SectionName}:Allow with a reason."
            : "The database is up to date.";
    }
}
