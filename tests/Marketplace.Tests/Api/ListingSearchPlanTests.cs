using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The common search mixes are answered from an index, not a scan of the listings table. The SQL is what the endpoint
/// really sends (captured on its way out); the plan is PostgreSQL's own choice for a table with realistic statistics
/// (20,000 listings, analyzed), with no planner setting forced.
/// </summary>
public sealed class ListingSearchPlanTests(ListingSearchPlanTests.SeededApi seeded) : IClassFixture<ListingSearchPlanTests.SeededApi>
{
    public static TheoryData<string, string> Mixes => new()
    {
        // query string, the index its plan must use (or one of several, where either is the right choice)
        { "", "IX_Listing_Listed_Status_CreatedAt_Id" },
        { "categorySlug=electronics", "IX_Listing_Listed_CategoryId_Status_CreatedAt_Id" },
        { "categorySlug=electronics&minPrice=100&maxPrice=500", "IX_Listing_CategoryId_|IX_Listing_Listed_CategoryId_" },
        { "minPrice=100&maxPrice=500", "IX_Listing_Listed_Status_|IX_Listing_Status_Price_Id" },
        { "categorySlug=electronics&minPrice=100&maxPrice=500&sort=price_asc", "IX_Listing_CategoryId_Status_Price" },
        { "minPrice=100&maxPrice=500&sort=price_asc", "IX_Listing_Status_Price_Id" },
        { "sort=price_desc", "IX_Listing_Status_Price_Id" },
        // A twelfth of the listings: seeking the legacy category's index and walking the price order are both fine.
        { "category=Toys&sort=price_desc", "IX_Listing_Category_Status_Price|IX_Listing_Status_Price_Id" },
        { "q=harpsichord", ListingTextSearch.IndexName },
        { "q=harpsichord&categorySlug=electronics", ListingTextSearch.IndexName },
        { "sellerId={seller}", "IX_Listing_Listed_SellerId_Status_CreatedAt_Id" },
        // A seller's forty listings: where the table's visibility map is not all-visible (no index-only scan pays), the
        // planner's bitmap scan finds them as cheaply in the unfiltered index of the same key (its twin, dropped by a later
        // release) and filters on the heap; either seek is right.
        { "sellerId={seller}&maxPrice=1000", "IX_Listing_Listed_SellerId_Status_CreatedAt_Id|IX_Listing_SellerId_Status_CreatedAt_Id" },
        // Furniture and its two subcategories are a quarter of the listings: walking the newest first and skipping the
        // rest is as good as seeking each category.
        { "categorySlug=furniture", "IX_Listing_Listed_CategoryId_|IX_Listing_Listed_Status_CreatedAt_Id|IX_Listing_CategoryId_" },
        // The condition is not in any index: a common one is met on the newest-first walk at once, a rare one (for parts,
        // one listing in twenty) after about twenty rows per listing shown, still far from reading the table.
        { "condition=Good", "IX_Listing_Listed_Status_CreatedAt_Id" },
        { "condition=ForParts", "IX_Listing_Listed_Status_CreatedAt_Id" },
        { "categorySlug=electronics&condition=LikeNew", "IX_Listing_Listed_CategoryId_Status_CreatedAt_Id" },
        { "condition=Fair&minPrice=100&maxPrice=500", "IX_Listing_Listed_Status_|IX_Listing_Status_Price_Id" },
        { "condition=New&sort=price_asc", "IX_Listing_Status_Price_Id" },
    };

    [Theory]
    [MemberData(nameof(Mixes))]
    public async Task A_common_search_is_planned_on_an_index_and_never_scans_the_listings_table(string query, string index)
    {
        var (app, capture, seller) = (seeded.App, seeded.Capture, seeded.Seller);
        using var client = app.CreateClient();

        var firstPage = await (await client.GetAsync($"/api/listings?{query.Replace("{seller}", seller, StringComparison.Ordinal)}&limit=20", Ct))
            .ReadAsync<Marketplace.Contracts.Listings.ListingPage>();
        var pages = new List<CapturedCommand> { capture.LastListingQuery() };
        if (firstPage.NextCursor is { } cursor)
        {
            // The next page seeks past the cursor; it must be as cheap as the first.
            (await client.GetAsync($"/api/listings?{query.Replace("{seller}", seller, StringComparison.Ordinal)}&limit=20&cursor={cursor}", Ct)).Dispose();
            pages.Add(capture.LastListingQuery());
        }

        foreach (var page in pages)
        {
            var nodes = await PlanNodesAsync(app, page);
            var plan = string.Join("; ", nodes.Select(n => $"{n.Type} {n.Index ?? n.Relation}"));
            Assert.DoesNotContain(nodes, n => n.Type == "Seq Scan" && n.Relation == "Listing");
            var acceptable = index.Split('|');
            Assert.True(nodes.Any(n => acceptable.Any(a => n.Index?.StartsWith(a, StringComparison.Ordinal) == true)), $"Expected {index} in: {plan}\n{page.Sql}");
        }
    }

    /// <summary>One Api on one seeded database for all the mixes; the tests of a class run one at a time, so the capture is theirs.</summary>
    public sealed class SeededApi(PostgresServer server) : IAsyncLifetime
    {
        private ApiApp? _app;

        public CommandCapture Capture { get; } = new();

        public ApiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

        public string Seller { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            _app = await ApiApp.CreateAsync(server,
                services: services => services.ConfigureDbContext<MarketplaceDbContext>(o => o.AddInterceptors(Capture), ServiceLifetime.Singleton),
                cancellationToken: Ct);
            Seller = await SeedAsync(_app);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// 20,000 listings over 500 sellers, the ten categories and two subcategories of furniture, each condition in its
    /// share (1 in 20 for parts, 1 in 10 not stated); about 1 in 200 mentions a harpsichord.
    /// </summary>
    private static async Task<string> SeedAsync(ApiApp app)
    {
        await app.AddCategoryAsync("chairs", parentSlug: "furniture");
        await app.AddCategoryAsync("tables", parentSlug: "furniture");
        await app.Db.ExecuteAsync("""
            SELECT setseed(0.42);
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash")
            SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'seller' || i || '@example.com',
                   'SELLER' || i || '@EXAMPLE.COM', 'Seller ' || i, 'x'
            FROM generate_series(1, 500) AS i;
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "CreatedAt", "UpdatedAt", "Condition")
            SELECT CASE WHEN i % 200 = 1 THEN 'Harpsichord, restored' ELSE 'Item ' || i || ' in good condition' END,
                   'Collection only. ' || (ARRAY['Barely used', 'Some wear', 'Like new', 'Needs repair'])[1 + i % 4],
                   round((1 + random() * 4999)::numeric, 2),
                   c."Category", c."Id",
                   CASE WHEN i % 20 = 0 THEN 'sold' WHEN i % 33 = 0 THEN 'archived' ELSE 'active' END::listing_status,
                   ('00000000-0000-0000-0000-' || lpad((1 + i % 500)::text, 12, '0'))::uuid,
                   timestamptz '2026-01-01' + i * interval '17 minutes', now(),
                   -- As sellers state it: mostly good, a few for parts, and the listings from before it was asked without one.
                   (ARRAY['new', 'like_new', 'good', 'good', 'good', 'fair', 'fair', 'like_new', 'good', 'new',
                          'good', 'fair', 'good', 'like_new', 'good', 'good', 'for_parts', NULL, 'good', NULL])[1 + (i * 7) % 20]::item_condition
            FROM generate_series(1, 20000) AS i
            JOIN LATERAL (
                SELECT "Id", CASE WHEN "ParentId" IS NULL THEN replace("Slug", '-', '_') ELSE 'furniture' END::listing_category AS "Category"
                FROM "Category" ORDER BY "Id" OFFSET i % 12 LIMIT 1) c ON TRUE;
            """, Ct);
        // What autovacuum does after a bulk load: statistics, and GIN's pending list merged into the index proper.
        await app.Db.ExecuteAsync("""VACUUM ANALYZE "Listing" """, Ct);
        return "00000000-0000-0000-0000-000000000007";
    }

    /// <summary>The nodes of PostgreSQL's plan for <paramref name="command"/>, as sent, with its parameters.</summary>
    internal static async Task<List<PlanNode>> PlanNodesAsync(ApiApp app, CapturedCommand command)
    {
        await using var connection = await app.Db.DataSource.OpenConnectionAsync(Ct);
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.Sql, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(Ct))!);
        var nodes = new List<PlanNode>();
        Collect(plan.RootElement[0].GetProperty("Plan"), nodes);
        return nodes;

        static void Collect(JsonElement node, List<PlanNode> into)
        {
            into.Add(new PlanNode(
                node.GetProperty("Node Type").GetString()!,
                node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
                node.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
            if (node.TryGetProperty("Plans", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Collect(child, into);
                }
            }
        }
    }

    internal sealed record PlanNode(string Type, string? Relation, string? Index);

    public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    /// <summary>Keeps each query the Api's context sends, with its parameters, to EXPLAIN it afterwards.</summary>
    public sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<CapturedCommand> _commands = new();

        public CapturedCommand LastListingQuery() => LastQueryOf("Listing");

        public CapturedCommand LastQueryOf(string table) =>
            _commands.Last(c => c.Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal));

        /// <summary>Every query sent so far that names <paramref name="table"/>, oldest first.</summary>
        public IReadOnlyList<CapturedCommand> QueriesOf(string table) =>
            _commands.Where(c => c.Sql.Contains($"\"{table}\"", StringComparison.Ordinal)).ToList();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(new CapturedCommand(
                command.CommandText,
                command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
