using Marketplace.Tests.Support;

namespace Marketplace.Tests.Worker;

/// <summary>The worker copies the legacy Listing.ImageUrls into external ListingImage rows: in order, in batches, once.</summary>
public sealed class ListingImageBackfillTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Legacy_urls_become_external_images_in_order_once_and_uploaded_photos_are_left_alone()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash")
            VALUES ('00000000-0000-4000-8000-000000000001', 'legacy@example.com', 'LEGACY@EXAMPLE.COM', 'Legacy', 'x');
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "SellerId", "ImageUrls")
            SELECT 'Legacy ' || n, 'd', 1, 'electronics', '00000000-0000-4000-8000-000000000001',
                   CASE WHEN n % 5 = 0 THEN '{}'::text[]
                        ELSE ARRAY['https://cdn.example.com/' || n || '/a.jpg', '', 'https://cdn.example.com/' || n || '/b.jpg'] END
            FROM generate_series(1, 10) AS n;
            """, Ct);
        // A listing whose seller already uploaded a photo: its legacy URLs are not added behind it.
        await db.ExecuteAsync("""
            INSERT INTO "ListingImage" ("ListingId", "Position", "ContentHash", "ThumbnailBlobName", "DisplayBlobName", "AltText")
            SELECT "Id", 0, repeat('a', 64), repeat('a', 64) || '/320.webp', repeat('a', 64) || '/1280.webp', 'Uploaded'
            FROM "Listing" WHERE "Title" = 'Legacy 1'
            """, Ct);

        var settings = new Dictionary<string, string?> { ["MigrationWorker:BackfillBatchSize"] = "3" };
        var first = await WorkerRunner.RunAsync(database.ConnectionString, [], settings, Ct);
        var second = await WorkerRunner.RunAsync(database.ConnectionString, [], settings, Ct);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var rows = await db.ColumnAsync("""
            SELECT l."Title" || '|' || i."Position" || '|' || coalesce(i."ExternalUrl", 'uploaded') || '|' || i."AltText"
            FROM "ListingImage" i JOIN "Listing" l ON l."Id" = i."ListingId"
            ORDER BY l."Id", i."Position"
            """, Ct);
        var expected = new List<string> { "Legacy 1|0|uploaded|Uploaded" };
        foreach (var n in new[] { 2, 3, 4, 6, 7, 8, 9 })
        {
            expected.Add($"Legacy {n}|0|https://cdn.example.com/{n}/a.jpg|Legacy {n}");
            expected.Add($"Legacy {n}|1|https://cdn.example.com/{n}/b.jpg|Legacy {n}");
        }

        Assert.Equal(expected, rows);
    }
}
