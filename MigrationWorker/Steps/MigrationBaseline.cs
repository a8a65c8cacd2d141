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
/// <c>prisma migrate resolve --applied</c>, done safely: for a database whose schema was made without migrations
/// (EnsureCreated, scripts, a db push), records every migration as applied, with its checksum, but only when the live
/// schema is what those migrations produce. A database that already has a history is left alone (exit code 2);
/// one that differs gets the drift report (exit code 5).
/// </summary>
public sealed partial class MigrationBaseline(MarketplaceDbContext db, SchemaVerifier verifier, ILogger<MigrationBaseline> logger)
{
    public async Task<int> RecordAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("baseline");
        var verification = await verifier.VerifyAsync(db, cancellationToken);
        if (verification.HasHistory)
        {
            throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                $"The database already has a migration history ({verification.Applied.Count} applied, the last {verification.Applied[^1].Id}). " +
                "baseline is only for a database whose schema was made without migrations; run status to see where it stands, " +
                "and migrate to bring it up to date.");
        }

        if (verification.Drift is { HasDrift: true } drift)
        {
            var empty = drift.ModelTablesInDatabase == 0
                ? " The database has none of the model's tables: it is empty, so run migrate instead."
                : "";
            throw new WorkerFailedException(ExitCodes.SchemaDrift,
                "Refusing to baseline: the migrations would not produce this schema. " + SchemaGate.DescribeDrift(drift) + empty);
        }

        var historyRepository = (ChecksummedHistoryRepository)db.GetService<IHistoryRepository>();
        await ((IHistoryRepository)historyRepository).CreateIfNotExistsAsync(cancellationToken);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var sql = string.Concat(migrations.Select(id =>
            historyRepository.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion()), ChecksumRecordedWith.Baseline)));

        // All or nothing: a half-recorded baseline would make the next migrate re-run the rest on existing tables.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        step.Activity?.SetTag("marketplace.migrations.baselined", migrations.Count);
        LogBaselined(logger, Plural.Of(migrations.Count, "migration"), migrations[^1], step.Elapsed.TotalMilliseconds);
        return migrations.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Baselined: recorded {Migrations} as applied, up to {Last}, with their checksums, in {ElapsedMs:0} ms; the live schema matches the model")]
    private static partial void LogBaselined(ILogger logger, string migrations, string last, double elapsedMs);
}
