using System.Diagnostics;
using Marketplace.Data;
using Marketplace.SchemaGuard;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Fills the Listing columns a migration added for rows that existed before it, after the migrations ran:
/// <list type="bullet">
/// <item><c>CategoryId</c> from the legacy enum column, the enum-to-relation step of the incident's plan;</item>
/// <item><c>SearchVector</c>, the words full-text search matches, which a trigger keeps for rows written since.</item>
/// </list>
/// Batched so no transaction holds many row locks or runs long, SKIP LOCKED so a row an Api request is writing is left
/// for the next pass instead of waited on, and idempotent because each batch only touches rows still to be filled.
/// </summary>
public sealed partial class ListingBackfill(
    NpgsqlDataSource dataSource,
    IOptions<MigrationWorkerOptions> options,
    ILogger<ListingBackfill> logger)
{
    /// <summary>Listings without a category whose legacy value has one: the base categories' slugs are the enum labels with '-' for '_'.</summary>
    internal const string CategoryCandidatesSql = """
        SELECT l."Id", c."Id" AS category_id
        FROM "Listing" l
        JOIN "Category" c ON c."Slug" = replace(l."Category"::text, '_', '-')
        WHERE l."CategoryId" IS NULL
        """;

    /// <summary>Listings whose words are still to be computed (the partial index IX_Listing_SearchVector_Pending holds exactly these).</summary>
    internal const string SearchVectorCandidatesSql = """
        SELECT l."Id"
        FROM "Listing" l
        WHERE l."SearchVector" IS NULL
        """;

    // Each batch returns the highest id it filled, so the next one starts after it instead of walking the filled rows'
    // dead index entries again; a last pass from the start picks up rows that were locked the first time.
    private static readonly string CategoryBatchSql = BatchSql(CategoryCandidatesSql, "\"CategoryId\" = batch.category_id");
    private static readonly string SearchVectorBatchSql = BatchSql(SearchVectorCandidatesSql, $"\"SearchVector\" = {ListingTextSearch.VectorSql}");

    private static string BatchSql(string candidates, string assignment) => $"""
        WITH batch AS (
            {candidates} AND l."Id" > @after
            ORDER BY l."Id"
            LIMIT @batch_size
            FOR UPDATE OF l SKIP LOCKED)
        UPDATE "Listing" AS l SET {assignment}
        FROM batch
        WHERE l."Id" = batch."Id"
        RETURNING l."Id"
        """;

    /// <summary>Runs every backfill; the number of listings changed.</summary>
    public async Task<long> BackfillAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("backfill");
        var categories = await RunAsync("Listing.CategoryId", CategoryBatchSql, cancellationToken);
        var vectors = await RunAsync("Listing.SearchVector", SearchVectorBatchSql, cancellationToken);
        step.Activity?.SetTag("marketplace.listings.backfilled", categories + vectors);
        step.Activity?.SetTag("marketplace.backfill.categories", categories);
        step.Activity?.SetTag("marketplace.backfill.search_vectors", vectors);
        return categories + vectors;
    }

    private async Task<long> RunAsync(string column, string batchSql, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long updated = 0;
        var batches = 0;
        long after = 0;
        var passes = 1;
        while (true)
        {
            var (rows, lastId) = await RunBatchAsync(batchSql, after, cancellationToken);
            if (rows > 0)
            {
                updated += rows;
                batches++;
                after = lastId;
                continue;
            }

            // The end of a pass. Once more from the start when this pass began after rows that were locked or filled
            // before, until a pass from the start finds nothing.
            if (after == 0)
            {
                break;
            }

            after = 0;
            passes++;
        }

        if (updated > 0)
        {
            LogBackfilled(logger, column, Plural.Of(updated, "listing"), Plural.Of(batches, "batch"), Plural.Of(passes, "pass"), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return updated;
    }

    private async Task<(int Rows, long LastId)> RunBatchAsync(string batchSql, long after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(batchSql);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("batch_size", options.Value.BackfillBatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        long lastId = after;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            lastId = Math.Max(lastId, reader.GetInt64(0));
        }

        return (rows, lastId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Column} on {Rows} in {Batches}, {Passes}, in {ElapsedMs:0} ms")]
    private static partial void LogBackfilled(ILogger logger, string column, string rows, string batches, string passes, double elapsedMs);
}
