using Marketplace.Data;
using Marketplace.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Before anything is applied, refuses a database whose applied migrations no longer match their code (exit code 6),
/// as Flyway's validate does: the schema came from the code as it was, and whatever changed in it will never run
/// here. Migrations applied before checksums were kept get theirs recorded once, from this build.
/// </summary>
public sealed partial class ChecksumValidator(
    MarketplaceDbContext db,
    DatabaseSchemaVerifier verifier,
    NpgsqlDataSource dataSource,
    ILogger<ChecksumValidator> logger)
{
    public async Task ValidateAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("validate");
        // Creates the checksum table next to the history table on a database that predates it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var check = await verifier.CheckMigrationsAsync(cancellationToken);
        step.Activity?.SetTag("marketplace.migrations.applied", check.Applied.Count);
        step.Activity?.SetTag("marketplace.migrations.changed", check.ChecksumMismatches.Count);

        if (check.ChecksumMismatches.Count > 0)
        {
            throw new WorkerFailedException(ExitCodes.MigrationChanged, DescribeMismatches(check.ChecksumMismatches));
        }

        if (check.ChecksumsNotRecorded.Count > 0)
        {
            await RecordAsync(check.ChecksumsNotRecorded, cancellationToken);
            LogRecordedAfterTheFact(logger, check.ChecksumsNotRecorded.Count, string.Join(", ", check.ChecksumsNotRecorded));
        }

        LogValidated(logger, check.Applied.Count - check.AppliedNotInCode.Count, step.Elapsed.TotalMilliseconds);
    }

    /// <summary>The paragraph for exit code 6; <c>status</c> and <c>migrate</c> say the same.</summary>
    public static string DescribeMismatches(IReadOnlyList<ChecksumMismatch> mismatches) =>
        $"{mismatches.Count} applied migration(s) were changed after they were applied: " +
        string.Join("; ", mismatches.Select(m => m.Description)) + ". " +
        "The database was migrated by the code as it was; restore each migration to what was applied (see git history) " +
        "and put the change in a new migration.";

    private async Task RecordAsync(IReadOnlyList<string> migrationIds, CancellationToken cancellationToken)
    {
        var migrationsAssembly = db.GetService<IMigrationsAssembly>();
        var provider = db.Database.ProviderName!;
        var sql = string.Concat(migrationIds.Select(id => MigrationChecksumTable.UpsertSql(
            id, MigrationChecksum.Of(migrationsAssembly, id, provider), ProductInfo.GetVersion(), ChecksumRecordedWith.FirstValidation)));
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} migration(s) were applied before checksums were kept; recorded their checksums from this build once, so later changes to them are caught: {Migrations}")]
    private static partial void LogRecordedAfterTheFact(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated the checksums of {Count} applied migration(s) in {ElapsedMs:0} ms")]
    private static partial void LogValidated(ILogger logger, int count, double elapsedMs);
}
