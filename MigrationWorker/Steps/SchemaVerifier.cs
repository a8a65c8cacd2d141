using Marketplace.Data.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// After migrating, checks that the database is what the code expects: every migration applied, none changed, and no
/// drift between the live schema and the model. Drift fails the run (exit code 5) unless the caller allows it, in
/// which case it is logged as a warning. A database found current is stamped, so that the next run of this build
/// recognises it unchanged without building the EF Core model (<see cref="UnchangedSchemaCheck"/>).
/// </summary>
public sealed partial class SchemaVerifier(
    DatabaseSchemaVerifier verifier,
    NpgsqlDataSource dataSource,
    IOptions<SchemaDriftOptions> driftOptions,
    ILogger<SchemaVerifier> logger)
{
    public async Task<SchemaVerification> VerifyAsync(bool allowDrift, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("verify");
        var buildKey = SchemaVerificationStamp.BuildKey(driftOptions.Value);
        var before = await SchemaVerificationStamp.ReadAsync(dataSource, buildKey, cancellationToken);
        var verification = await verifier.VerifyAsync(cancellationToken);
        step.Activity?.SetTag("marketplace.schema.differences", verification.Drift.Differences.Count);
        step.Activity?.SetTag("marketplace.schema.acknowledged", verification.Drift.Acknowledged.Count);

        if (verification.ChecksumMismatches.Count > 0)
        {
            throw new WorkerFailedException(ExitCodes.MigrationChanged, ChecksumValidator.DescribeMismatches(verification.ChecksumMismatches));
        }

        foreach (var acknowledged in verification.Drift.Acknowledged)
        {
            LogAcknowledged(logger, acknowledged.Difference.Description, acknowledged.Reason);
        }

        if (verification.Drift.HasDrift)
        {
            if (!allowDrift)
            {
                var failure = new WorkerFailedException(ExitCodes.SchemaDrift, DescribeDrift(verification.Drift));
                step.Fail(failure);
                throw failure;
            }

            LogDriftAllowed(logger, verification.Drift.Differences.Count, Environment.NewLine + verification.Drift.Describe());
        }

        // Stamped only if nothing changed while it was being verified, so the stamp names exactly what was verified.
        if (verification.IsCurrent && verification.ChecksumsNotRecorded.Count == 0
            && (await SchemaVerificationStamp.ReadAsync(dataSource, buildKey, cancellationToken)).Fingerprint == before.Fingerprint)
        {
            await SchemaVerificationStamp.RecordAsync(dataSource, buildKey, before.Fingerprint, cancellationToken);
        }

        LogVerified(logger, verification.Applied.Count, verification.Drift.Differences.Count, verification.Drift.Elapsed.TotalMilliseconds, step.Elapsed.TotalMilliseconds);
        return verification;
    }

    /// <summary>The paragraph for exit code 5; <c>migrate</c> and <c>baseline</c> say the same.</summary>
    public static string DescribeDrift(SchemaDriftReport drift) =>
        $"The database schema differs from the model in {drift.Differences.Count} way(s):{Environment.NewLine}{drift.Describe()}{Environment.NewLine}" +
        "Fix the database, or add a migration for a change the model should have, or acknowledge an intended difference " +
        $"in {SchemaDriftOptions.SectionName}:Allow with a reason.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema drift allowed by --allow-drift: the database differs from the model in {Count} way(s):{Differences}")]
    private static partial void LogDriftAllowed(ILogger logger, int count, string differences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged schema difference: {Difference} (SchemaDrift:Allow: {Reason})")]
    private static partial void LogAcknowledged(ILogger logger, string difference, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified the schema: {Applied} migration(s) applied and unchanged, {Differences} unacknowledged difference(s); drift check {DriftMs:0.0} ms, verify {ElapsedMs:0} ms")]
    private static partial void LogVerified(ILogger logger, int applied, int differences, double driftMs, double elapsedMs);
}
