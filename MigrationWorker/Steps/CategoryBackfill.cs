using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Sets Listing.CategoryId from the legacy enum column for listings that have none: the enum-to-relation
/// step of the incident's plan. Batched so no transaction holds many row locks, SKIP LOCKED so concurrent
/// runs share the work, and idempotent because it only touches rows still without a category.
/// </summary>
public sealed partial class CategoryBackfill(
    NpgsqlDataSource dataSource,
    IOptions<MigrationWorkerOptions> options,
    ILogger<CategoryBackfill> logger)
{
    /// <summary>Listings without a category whose legacy value has one: the base categories' slugs are the enum labels with '-' for '_'.</summary>
    internal const string CandidatesSql = """
        SELECT l."Id", c."Id" AS category_id
        FROM "Listing" l
        JOIN "Category" c ON c."Slug" = replace(l."Category"::text, '_', '-')
        WHERE l."CategoryId" IS NULL
        """;

    private const string BatchSql = $"""
        WITH batch AS (
            {CandidatesSql}
            ORDER BY l."Id"
            LIMIT @batch_size
            FOR UPDATE OF l SKIP LOCKED)
        UPDATE "Listing" AS l SET "CategoryId" = batch.category_id
        FROM batch
        WHERE l."Id" = batch."Id"
        """;

    public async Task<long> BackfillAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("backfill");
        long updated = 0;
        var batches = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(BatchSql);
            command.Parameters.AddWithValue("batch_size", options.Value.BackfillBatchSize);
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            if (rows == 0)
            {
                break;
            }

            updated += rows;
            batches++;
        }

        step.Activity?.SetTag("marketplace.listings.backfilled", updated);
        step.Activity?.SetTag("marketplace.backfill.batches", batches);
        LogBackfilled(logger, updated, batches, step.Elapsed.TotalMilliseconds);
        return updated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled Listing.CategoryId on {Rows} listing(s) in {Batches} batch(es) in {ElapsedMs:0} ms")]
    private static partial void LogBackfilled(ILogger logger, long rows, int batches, double elapsedMs);
}
