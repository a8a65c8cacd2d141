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
/// <item><c>SearchVector</c>, the words full-text search matches, which a trigger keeps for rows written since;</item>
/// <item><c>ListingImage</c> rows from the legacy <c>ImageUrls</c> column: one external image per URL (no renditions,
/// served as the URL it is), in the column's order, with the listing's title as alt text. Only for listings with no
/// image yet, so a second run, or a listing whose seller already uploaded photos, adds nothing.</item>
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

    /// <summary>
    /// Listings with legacy image URLs and no image row. Not part of <see cref="NothingToDoCheck"/>'s question: nothing has
    /// written ImageUrls since this backfill shipped, and the first run of a build on any database takes the full path
    /// (the stamp is per build), so the copy happens once there; asking on every no-op run would scan Listing, which has
    /// no index on the column.
    /// </summary>
    internal const string ImageCandidatesSql = """
        SELECT l."Id", l."ImageUrls", l."Title"
        FROM "Listing" l
        WHERE cardinality(l."ImageUrls") > 0
          AND NOT EXISTS (SELECT 1 FROM "ListingImage" i WHERE i."ListingId" = l."Id")
        """;

    private static readonly string ImageBatchSql = $"""
        WITH batch AS (
            {ImageCandidatesSql} AND l."Id" > @after
            ORDER BY l."Id"
            LIMIT @batch_size
            FOR UPDATE OF l SKIP LOCKED),
        urls AS (
            SELECT b."Id", b."Title", u.url, row_number() OVER (PARTITION BY b."Id" ORDER BY u.ord) - 1 AS position
            FROM batch b, unnest(b."ImageUrls") WITH ORDINALITY AS u(url, ord)
            WHERE btrim(coalesce(u.url, '')) <> ''),
        inserted AS (
            INSERT INTO "ListingImage" ("ListingId", "Position", "ExternalUrl", "AltText")
            SELECT "Id", position, left(btrim(url), 2048), left("Title", 500) FROM urls
            RETURNING "ListingId")
        SELECT b."Id" FROM batch b
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
        var images = await RunAsync("ListingImage from Listing.ImageUrls", ImageBatchSql, cancellationToken);
        step.Activity?.SetTag("marketplace.listings.backfilled", categories + vectors + images);
        step.Activity?.SetTag("marketplace.backfill.images", images);
        step.Activity?.SetTag("marketplace.backfill.categories", categories);
        step.Activity?.SetTag("marketplace.backfill.search_vectors", vectors);
        return categories + vectors + images;
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
