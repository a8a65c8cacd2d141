using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Verification;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// After migrating, the worker finishes only on a database that is what the code expects: every migration applied, none
/// changed, and no drift between the live schema and the model. Drift fails the run (exit code 5) unless the caller allows
/// it, in which case it is logged as a warning. A database found current is stamped, so that the next run of this build
/// recognises it unchanged without building the EF Core model (<see cref="NothingToDoCheck"/>).
/// </summary>
public sealed partial class SchemaGate(MarketplaceDbContext db, SchemaVerifier verifier, ILogger<SchemaGate> logger)
{
    public async Task<SchemaVerification> VerifyAsync(bool allowDrift, CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("verify");
        var verification = await verifier.VerifyAsync(db, cancellationToken);
        var drift = verification.Drift!;
        step.Activity?.SetTag("marketplace.schema.differences", drift.Differences.Count);
        step.Activity?.SetTag("marketplace.schema.acknowledged", drift.Acknowledged.Count);

        if (verification.ChecksumMismatches.Count > 0)
        {
            throw new WorkerFailedException(ExitCodes.MigrationChanged, ChecksumValidator.DescribeMismatches(verification.ChecksumMismatches));
        }

        foreach (var acknowledged in drift.Acknowledged)
        {
            LogAcknowledged(logger, acknowledged.Difference.Description, acknowledged.Reason);
        }

        if (drift.HasDrift)
        {
            if (!allowDrift)
            {
                var failure = new WorkerFailedException(ExitCodes.SchemaDrift, DescribeDrift(drift));
                step.Fail(failure);
                throw failure;
            }

            LogDriftAllowed(logger, Plural.Of(drift.Differences.Count, "way"), Environment.NewLine + drift.Describe());
        }

        var stamped = await verifier.RecordStampAsync(db, verification, cancellationToken);
        LogVerified(logger, Plural.Of(verification.Applied.Count, "migration"), Plural.Of(drift.Differences.Count, "unacknowledged difference"),
            drift.Elapsed.TotalMilliseconds, step.Elapsed.TotalMilliseconds, stamped ? "; stamped for this build" : "");
        return verification;
    }

    /// <summary>The paragraph for exit code 5 after migrating; <c>baseline</c> says the same.</summary>
    public static string DescribeDrift(SchemaDriftReport drift) =>
        $"The database schema differs from the model in {Plural.Of(drift.Differences.Count, "way")}:{Environment.NewLine}{drift.Describe()}{Environment.NewLine}" +
        "Fix the database, or add a migration for a change the model should have, or acknowledge an intended difference " +
        $"in {SchemaDriftOptions.SectionName}:Allow with a reason.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema drift allowed by --allow-drift: the database differs from the model in {Count}:{Differences}")]
    private static partial void LogDriftAllowed(ILogger logger, string count, string differences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged schema difference: {Difference} (SchemaDrift:Allow: {Reason})")]
    private static partial void LogAcknowledged(ILogger logger, string difference, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified the schema: {Applied} applied and unchanged, {Differences}; drift check {DriftMs:0.0} ms, verify {ElapsedMs:0} ms{Stamped}")]
    private static partial void LogVerified(ILogger logger, string applied, string differences, double driftMs, double elapsedMs, string stamped);
}
