using Marketplace.Api.Categories;
using Marketplace.Data;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// Matches each newly published listing (<c>Listing.MatchPendingSince</c>, a partial index of the few waiting) against
/// every saved search once, and records what each search finds (<c>SavedSearchMatch</c>). A search finds a listing
/// exactly when <c>GET /api/listings</c> with its filters would (ListingSearch.Apply): active and not removed, its
/// category the search's or below it (visible categories only), the price in range, the condition stated and equal,
/// the words matching its stored words with the same web-search syntax and configuration. A search saved after the
/// listing was published does not count it as new, and nobody is told about their own listing.
/// </summary>
public sealed class SavedSearchMatcher(NpgsqlDataSource dataSource, CategoryCatalog catalog, TimeProvider timeProvider)
{
    private const int BatchSize = 200;

    /// <summary>Matches every listing waiting; answers how many listings it matched and how many matches it recorded.</summary>
    public async Task<(int Listings, int Matches)> MatchPendingAsync(CancellationToken cancellationToken)
    {
        var tree = await catalog.GetAsync(cancellationToken);
        var (listings, matches) = (0, 0);
        while (true)
        {
            var pending = await PendingAsync(cancellationToken);
            foreach (var listing in pending)
            {
                matches += await MatchAsync(listing, tree.CoveringIds(listing.CategoryId), cancellationToken);
                listings++;
            }

            if (pending.Count < BatchSize)
            {
                return (listings, matches);
            }
        }
    }

    private async Task<List<PendingListing>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "Id", "MatchPendingSince", "CategoryId" FROM "Listing"
            WHERE "MatchPendingSince" IS NOT NULL
            ORDER BY "MatchPendingSince", "Id"
            LIMIT @batch
            """);
        command.Parameters.AddWithValue("batch", BatchSize);
        var pending = new List<PendingListing>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingListing(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        }

        return pending;
    }

    /// <summary>
    /// One listing, in one transaction: its matches recorded (none unless buyers can see it now) and its mark cleared,
    /// unless it was published again meanwhile (then it waits for the next run).
    /// </summary>
    private async Task<int> MatchAsync(PendingListing listing, IReadOnlyList<int> coveringCategories, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var match = new NpgsqlCommand($"""
            INSERT INTO "SavedSearchMatch" ("SavedSearchId", "ListingId", "MatchedAt")
            SELECT s."Id", l."Id", @now
            FROM "Listing" l
            JOIN "SavedSearch" s ON s."UserId" <> l."SellerId" AND s."CreatedAt" <= l."MatchPendingSince"
            WHERE l."Id" = @listing
              AND l."Status" = 'active' AND l."RemovedAt" IS NULL
              AND (s."CategoryId" IS NULL OR s."CategoryId" = ANY(@categories))
              AND (s."MinPrice" IS NULL OR l."Price" >= s."MinPrice")
              AND (s."MaxPrice" IS NULL OR l."Price" <= s."MaxPrice")
              AND (s."Condition" IS NULL OR s."Condition" = l."Condition")
              AND (s."Query" IS NULL OR l."{ListingTextSearch.VectorProperty}" @@ websearch_to_tsquery('{ListingTextSearch.Configuration}', s."Query"))
            ON CONFLICT DO NOTHING;
            """, connection, transaction);
        match.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        match.Parameters.AddWithValue("listing", listing.Id);
        match.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = coveringCategories.ToArray() });
        var matched = await match.ExecuteNonQueryAsync(cancellationToken);

        await using var done = new NpgsqlCommand("""
            UPDATE "Listing" SET "MatchPendingSince" = NULL WHERE "Id" = @listing AND "MatchPendingSince" = @since
            """, connection, transaction);
        done.Parameters.AddWithValue("listing", listing.Id);
        done.Parameters.AddWithValue("since", listing.PendingSince);
        await done.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return matched;
    }

    private sealed record PendingListing(long Id, DateTimeOffset PendingSince, int? CategoryId);
}
