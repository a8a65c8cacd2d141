using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Before anything is applied, refuses a database whose applied migrations no longer match their code (exit code 6),
/// as Flyway's validate does: the schema came from the code as it was, and whatever changed in it will never run
/// here. Migrations applied before checksums were kept get theirs recorded once, from this build.
/// </summary>
public sealed partial class ChecksumValidator(MarketplaceDbContext db, SchemaVerifier verifier, ILogger<ChecksumValidator> logger)
{
    /// <returns>The history as validated: applied and pending migrations (no drift yet).</returns>
    public async Task<SchemaVerification> ValidateAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("validate");
        // Creates the history table, and the checksum table beside it on a database that predates it.
        var historyRepository = db.GetService<IHistoryRepository>();
        await historyRepository.CreateIfNotExistsAsync(cancellationToken);
        var history = await verifier.VerifyHistoryAsync(db, cancellationToken);
        step.Activity?.SetTag("marketplace.migrations.applied", history.Applied.Count);
        step.Activity?.SetTag("marketplace.migrations.changed", history.ChecksumMismatches.Count);

        if (history.ChecksumMismatches.Count > 0)
        {
            throw new WorkerFailedException(ExitCodes.MigrationChanged, DescribeMismatches(history.ChecksumMismatches));
        }

        if (history.ChecksumsNotRecorded is { Count: > 0 } notRecorded)
        {
            var script = ((ChecksummedHistoryRepository)historyRepository).GetFirstValidationScript(notRecorded);
            await db.Database.ExecuteSqlRawAsync(script, cancellationToken);
            LogRecordedAfterTheFact(logger, Plural.Of(notRecorded.Count, "migration"), string.Join(", ", notRecorded));
        }

        LogValidated(logger, Plural.Of(history.Applied.Count - history.AppliedNotInCode.Count, "applied migration"), step.Elapsed.TotalMilliseconds);
        return history;
    }

    /// <summary>The paragraph for exit code 6; <c>status</c> and <c>migrate</c> say the same.</summary>
    public static string DescribeMismatches(IReadOnlyList<ChecksumMismatch> mismatches) =>
        $"{Plural.Of(mismatches.Count, "applied migration")} {(mismatches.Count == 1 ? "was" : "were")} changed after {(mismatches.Count == 1 ? "it was" : "they were")} applied: " +
        string.Join("; ", mismatches.Select(m => m.Description)) + ". " +
        "The database was migrated by the code as it was; restore each migration to what was applied (see git history) " +
        "and put the change in a new migration.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded the checksums of {Migrations} applied before checksums were kept, once, from this build, so later changes to them are caught: {Ids}")]
    private static partial void LogRecordedAfterTheFact(ILogger logger, string migrations, string ids);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated the checksums of {Migrations} in {ElapsedMs:0} ms")]
    private static partial void LogValidated(ILogger logger, string migrations, double elapsedMs);
}
