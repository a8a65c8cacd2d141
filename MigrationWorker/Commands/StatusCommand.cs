using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Data.Schema;
using Marketplace.MigrationWorker.Steps;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>status</c>, like <c>prisma migrate status</c>: applied migrations (with when), pending ones, checksum mismatches
/// and drift. Exit code 0 when current, 7 when migrations are pending, 6 when an applied migration changed, 5 on drift.
/// Reads only; it takes no lock and changes nothing.
/// </summary>
public static class StatusCommand
{
    public static Command Create(WorkerInvocation invocation)
    {
        var json = new Option<bool>("--json") { Description = "Write the status as JSON on stdout, for machines." };
        var command = new Command("status",
            "Show applied migrations (with when), pending migrations, applied migrations changed since, and schema drift. " +
            "Exit code 0 when the database is current, 7 when migrations are pending, 6 when an applied migration was changed, 5 on drift.")
        {
            Options = { json },
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(invocation, parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(WorkerInvocation invocation, bool json, CancellationToken cancellationToken) =>
        WorkerHost.RunAsync(invocation, async (services, ct) =>
        {
            await services.GetRequiredService<DatabaseWaiter>().WaitAsync(ct);
            var verification = await services.GetRequiredService<DatabaseSchemaVerifier>().VerifyAsync(ct);
            var exitCode = ExitCodeOf(verification);
            var database = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
            var where = $"{database.Host}:{database.Port}/{database.Database}";
            if (json)
            {
                await invocation.Output.WriteLineAsync(JsonSerializer.Serialize(StatusReport.From(where, verification, exitCode), StatusJson.Default.StatusReport));
            }
            else
            {
                await invocation.Output.WriteAsync(Describe(where, verification));
            }

            return exitCode;
        }, cancellationToken);

    /// <summary>A changed migration is the most serious; pending migrations come next, since drift is expected until they are applied.</summary>
    public static int ExitCodeOf(SchemaVerification verification) =>
        verification.ChecksumMismatches.Count > 0 ? ExitCodes.MigrationChanged
        : verification.Pending.Count > 0 ? ExitCodes.MigrationsPending
        : verification.Drift.HasDrift ? ExitCodes.SchemaDrift
        : ExitCodes.Success;

    private static string Describe(string where, SchemaVerification verification)
    {
        var text = new System.Text.StringBuilder();
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

        var drift = verification.Drift;
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
        text.AppendLine(Verdict(verification));
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

    private static string Verdict(SchemaVerification verification)
    {
        if (verification.ChecksumMismatches.Count > 0)
        {
            return ChecksumValidator.DescribeMismatches(verification.ChecksumMismatches);
        }

        if (verification.MadeWithoutMigrations)
        {
            return $"The database has no migration history, but {verification.Drift.ModelTablesInDatabase} of the model's tables exist: " +
                   "its schema was made without migrations (EnsureCreated, scripts or a db push). If it matches the model, " +
                   "the baseline command records the migrations as applied; migrate would fail on the existing tables.";
        }

        if (verification.Pending.Count > 0)
        {
            return $"The database is behind the code by {verification.Pending.Count} migration(s): run the worker's migrate command.";
        }

        return verification.Drift.HasDrift
            ? "The database schema differs from the model: fix the database, add a migration for a change the model should have, " +
              $"or acknowledge an intended difference in {SchemaDriftOptions.SectionName}:Allow with a reason."
            : "The database is up to date.";
    }
}

/// <summary>The shape of <c>status --json</c>; a contract with users' scripts.</summary>
public sealed record StatusReport(
    string Database,
    bool IsCurrent,
    int ExitCode,
    bool HasHistory,
    bool MadeWithoutMigrations,
    IReadOnlyList<StatusReport.Applied> AppliedMigrations,
    IReadOnlyList<string> PendingMigrations,
    IReadOnlyList<string> AppliedNotInCode,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches,
    StatusReport.DriftReport Drift)
{
    public sealed record Applied(string Id, DateTimeOffset? AppliedAt, string? RecordedWith, string? Checksum, bool IsInCode);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Same word as SchemaDrift:Allow's Object.")]
    public sealed record Difference(string Object, string Description, string? Reason = null);

    public sealed record DriftReport(IReadOnlyList<Difference> Differences, IReadOnlyList<Difference> Acknowledged, double ElapsedMs);

    public static StatusReport From(string database, SchemaVerification verification, int exitCode) => new(
        database,
        verification.IsCurrent,
        exitCode,
        verification.HasHistory,
        verification.MadeWithoutMigrations,
        verification.Applied.Select(a => new Applied(a.Id, a.AppliedAt, a.RecordedWith?.ToString(), a.Checksum, a.IsInCode)).ToList(),
        verification.Pending,
        verification.AppliedNotInCode,
        verification.ChecksumMismatches,
        new DriftReport(
            verification.Drift.Differences.Select(d => new Difference(d.Object, d.Description)).ToList(),
            verification.Drift.Acknowledged.Select(a => new Difference(a.Difference.Object, a.Difference.Description, a.Reason)).ToList(),
            verification.Drift.Elapsed.TotalMilliseconds));
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class StatusJson : JsonSerializerContext;
