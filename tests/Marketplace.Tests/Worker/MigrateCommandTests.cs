using System.Diagnostics;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Data.Migrations;
using Marketplace.SchemaGuard.Conventions;
using Marketplace.SchemaGuard.History;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.Tests.Worker;

public sealed class MigrateCommandTests(PostgresServer server)
{
    private static readonly string[] MigrationNames =
    [
        "Initial", "AddAiTrackingFields", "AddAuthTokens", "AddAdminAudit", "AddListingIndexes", "AddCategoryModel",
        "AddListingTextSearch", "AddListingPriceOrderIndex", "AddListingCategoryNewestIndex", "AddListingSearchVector",
        "AddListingSearchVectorPendingIndex", "AddListingSearchVectorIndex", "AddListingSellerNewestIndex",
        "AddListingCategoryNewestPriceIndex", "AddListingNewestPriceIndex", "DropListingSellerIdIndex",
        "DropListingCategoryNewestIndex", "DropListingStatusNewestIndex", "AddAccountsAndModeration", "AddListingSearchableNewestIndex",
        "AddListingSearchableCategoryNewestIndex", "AddListingSearchableSellerNewestIndex", "AddListingImage",
        "AddListingReport", "AddListingSellerCreatedAtIndex", "AddOutboxMail", "AddListingSellerSuspendedAt",
        "AddListingListedNewestIndex", "AddListingListedCategoryNewestIndex", "AddListingListedSellerNewestIndex",
        "AddAdminAuditLogCreatedAtIndex",
        "AddConversationsFavouritesAndSavedSearches", "AddListingMatchPendingIndex", "AddSessionsAndAccountActivity", "AddRowRole",
        "TrackMoreListingWords",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_database_ends_with_every_migration_in_order_and_the_ten_base_categories()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        var applied = await db.AppliedMigrationsAsync(Ct);
        Assert.Equal(MigrationNames, applied.Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        var slugs = await db.ColumnAsync("""SELECT "Slug" FROM "Category" ORDER BY "SortOrder" """, Ct);
        Assert.Equal(Enum.GetValues<ListingCategory>().Select(MarketplaceEnums.SlugOf), slugs);
    }

    [Fact]
    public async Task The_foreign_key_rules_in_the_database_are_the_ones_the_model_declares()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);

        var actual = await db.ColumnAsync("""
            SELECT constraint_name || ' ' || delete_rule || ' ' || update_rule
            FROM information_schema.referential_constraints WHERE constraint_schema = 'public' ORDER BY 1
            """, Ct);

        await using var context = db.CreateContext();
        var expected = context.Model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Select(fk => $"{fk.Name} {Rule(fk.OnDeleteAction)} {Rule(ForeignKeyUpdateRule.Of(fk.MappedForeignKeys.First()))}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual.Order(StringComparer.Ordinal));
        Assert.Contains("FK_Listing_Category_CategoryId SET NULL CASCADE", actual);

        static string Rule(Microsoft.EntityFrameworkCore.Migrations.ReferentialAction action) => action switch
        {
            Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.NoAction => "NO ACTION",
            Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetNull => "SET NULL",
            Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetDefault => "SET DEFAULT",
            var other => other.ToString().ToUpperInvariant(),
        };
    }

    [Fact]
    public async Task A_second_run_changes_nothing()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        var before = await db.SchemaAndSeedFingerprintAsync(Ct);

        var second = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(before, await db.SchemaAndSeedFingerprintAsync(Ct));
    }

    public static TheoryData<string> EarlierMigrations => new(MigrationNames[..^1]);

    [Theory]
    [MemberData(nameof(EarlierMigrations))]
    public async Task Upgrading_from_an_earlier_release_keeps_every_row_and_backfills_CategoryId_and_the_search_words(string releasedAt)
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync(releasedAt, Ct);
        var stage = Array.IndexOf(MigrationNames, releasedAt);
        var tables = await InsertRowsInEveryTableAsync(db, stage);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var (table, count) in tables)
        {
            Assert.Equal(count, await db.ScalarAsync<long>($"SELECT count(*) FROM \"{table}\"", Ct));
        }

        Assert.Equal(0L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL""", Ct));
        Assert.Equal(10L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM "Listing" l JOIN "Category" c ON c."Id" = l."CategoryId"
            WHERE c."Slug" = replace(l."Category"::text, '_', '-')
            """, Ct));
        // Full-text search finds the listings written before its column existed: their words were backfilled.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM "Listing"
            WHERE "SearchVector" IS DISTINCT FROM to_tsvector('english', "Title" || ' ' || "Description")
            """, Ct));
    }

    [Fact]
    public async Task The_backfill_works_in_batches_and_leaves_listings_it_cannot_map_alone()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await InsertRowsInEveryTableAsync(db, 4);
        // A category an admin removed cannot be mapped; the run must still finish.
        await db.MigrateToAsync("AddCategoryModel", Ct);
        await db.ExecuteAsync("""INSERT INTO "Category" ("Name", "Slug", "SortOrder") VALUES ('Gadgets', 'electronics-old', 1)""", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [],
            new Dictionary<string, string?> { ["MigrationWorker:BackfillBatchSize"] = "3" }, Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL""", Ct));
        Assert.Equal(11L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
    }

    [Fact]
    public async Task Five_workers_started_together_on_one_empty_database_all_succeed_and_leave_one_history()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);

        var results = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => Task.Run(() => WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct), Ct)));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
    }

    [Fact]
    public async Task A_database_that_comes_up_seconds_late_is_waited_for()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new DelayedTcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;

        var run = WorkerRunner.RunAsync(viaProxy, [],
            new Dictionary<string, string?> { ["MigrationWorker:DatabaseWaitTimeout"] = "00:00:30" }, Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.False(run.IsCompleted, "the worker should still be waiting for the database");
        proxy.Open();
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(MigrationNames.Length, (await db.AppliedMigrationsAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_database_that_never_comes_ends_with_exit_code_3_within_the_window()
    {
        await using var proxy = new DelayedTcpProxy("127.0.0.1", 1); // never opened: nothing listens
        var connectionString = $"Host=127.0.0.1;Port={proxy.Port};Database=marketplacedb;Username=postgres;Timeout=2";
        var stopwatch = Stopwatch.StartNew();

        var result = await WorkerRunner.RunAsync(connectionString, [],
            new Dictionary<string, string?> { ["MigrationWorker:DatabaseWaitTimeout"] = "00:00:03" }, Ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"127.0.0.1:{proxy.Port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("did not accept a connection within 3 s", result.Error, StringComparison.Ordinal);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task An_admins_edit_to_a_seeded_category_survives_the_next_run()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""
            UPDATE "Category" SET "Name" = 'Gadgets & Gizmos', "Description" = 'Edited by an admin', "SortOrder" = 999, "IsActive" = FALSE
            WHERE "Slug" = 'electronics'
            """, Ct);

        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);

        var row = await db.ColumnAsync("""SELECT concat_ws('|', "Name", "Description", "SortOrder", "IsActive") FROM "Category" WHERE "Slug" = 'electronics'""", Ct);
        Assert.Equal(["Gadgets & Gizmos|Edited by an admin|999|f"], row);
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
    }

    [Fact]
    public async Task A_failing_migration_is_named_rolled_back_whole_and_exits_4()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddAiTrackingFields", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], ChangedMigrations.Swap<AddAuthTokens, FailingAddAuthTokens>(), cancellationToken: Ct);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"Migration {Db.MigrationId("AddAuthTokens")} failed: 22012: division by zero", result.Error, StringComparison.Ordinal);
        Assert.Contains("rolled back whole", result.Error, StringComparison.Ordinal);
        Assert.Contains("This run applied nothing before it.", result.Error, StringComparison.Ordinal);
        Assert.Contains($"It and the {Db.AllMigrations().Count - 3} migrations after it were not applied.", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'PasswordResetToken'", Ct));
        Assert.Equal(2, (await db.AppliedMigrationsAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_failing_migration_with_concurrent_index_builds_says_that_earlier_steps_may_remain()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddAdminAudit", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], ChangedMigrations.Swap<AddListingIndexes, FailingAddListingIndexes>(), cancellationToken: Ct);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"Migration {Db.MigrationId("AddListingIndexes")} failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("steps before the failure may remain", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, (await db.AppliedMigrationsAsync(Ct)).Count);
        // And they did: the indexes built concurrently before the failure are there.
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'IX_Listing_Status_CreatedAt'", Ct));
    }

    [Fact]
    public async Task A_failing_migration_with_a_concurrent_index_drop_says_that_the_drop_remains()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingNewestPriceIndex", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, [], ChangedMigrations.Swap<DropListingSellerIdIndex, FailingDropListingSellerIdIndex>(), cancellationToken: Ct);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"Migration {Db.MigrationId("DropListingSellerIdIndex")} failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("steps before the failure may remain", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("rolled back whole", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'IX_Listing_SellerId'", Ct));
    }

    /// <summary>AddAuthTokens, failing after it has created its tables, inside its transaction.</summary>
    private sealed class FailingAddAuthTokens : AddAuthTokens
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            migrationBuilder.Sql("SELECT 1 / 0");
        }
    }

    /// <summary>AddListingIndexes, failing after its concurrent index builds, which ran outside any transaction.</summary>
    private sealed class FailingAddListingIndexes : AddListingIndexes
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            migrationBuilder.Sql("SELECT 1 / 0");
        }
    }

    /// <summary>DropListingSellerIdIndex, failing in a transactional step after its concurrent drop, which ran outside any transaction.</summary>
    private sealed class FailingDropListingSellerIdIndex : DropListingSellerIdIndex
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            base.Up(migrationBuilder);
            migrationBuilder.Sql("SELECT 1 / 0");
        }
    }

    [Fact]
    public void The_worker_knows_the_same_migrations_as_EF_Core() =>
        Assert.Equal(Db.AllMigrations(), CompiledMigrations.Of(typeof(MarketplaceDbContext)));

    [Fact]
    public void The_model_has_no_changes_that_a_migration_does_not_capture()
    {
        using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model has changed since the last migration: run 'dotnet ef migrations add <Name> --project Data --output-dir Migrations'.");
    }

    /// <summary>Rows in every table that exists after migration number <paramref name="stage"/> (0-based); returns the counts.</summary>
    private static async Task<Dictionary<string, long>> InsertRowsInEveryTableAsync(Db db, int stage)
    {
        var counts = new Dictionary<string, long>();
        await db.ExecuteAsync("""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "Role") VALUES
              ('00000000-0000-0000-0000-000000000001', 'Ada@Example.com', 'ADA@EXAMPLE.COM', 'Ada', 'hash', 'admin'),
              ('00000000-0000-0000-0000-000000000002', 'bob@example.com', 'BOB@EXAMPLE.COM', 'Bob', 'hash', 'user');
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "Status", "SellerId")
            SELECT 'Item ' || c::text, 'A used ' || c::text, 10.50, c, 'active', '00000000-0000-0000-0000-000000000002'
            FROM unnest(enum_range(NULL::listing_category)) AS c;
            """);
        counts["User"] = 2;
        counts["Listing"] = 10;
        if (stage >= 2)
        {
            await db.ExecuteAsync("""
                INSERT INTO "VerificationToken" ("UserId", "TokenHash", "ExpiresAt") VALUES ('00000000-0000-0000-0000-000000000002', sha256('v'), now() + interval '1 day');
                INSERT INTO "PasswordResetToken" ("UserId", "TokenHash", "ExpiresAt") VALUES ('00000000-0000-0000-0000-000000000002', sha256('p'), now() + interval '1 hour');
                """);
            counts["VerificationToken"] = 1;
            counts["PasswordResetToken"] = 1;
        }

        if (stage >= 3)
        {
            await db.ExecuteAsync("""
                INSERT INTO "AdminAuditLog" ("AdminId", "Action", "TargetType", "TargetId", "Details")
                VALUES ('00000000-0000-0000-0000-000000000001', 'listing_removed', 'listing', '1', '{"reason": "spam"}');
                """);
            counts["AdminAuditLog"] = 1;
        }

        return counts;
    }
}
