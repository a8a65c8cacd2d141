using Marketplace.Tests.Support;

namespace Marketplace.Tests.Worker;

/// <summary><c>migrate --to</c>: down and up again, refusing a step down that would destroy data unless told.</summary>
public sealed class MigrateToTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Down_and_up_again_when_no_data_is_at_risk()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddCategoryModel", Ct);

        var down = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", "AddListingIndexes"], cancellationToken: Ct);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'Category'", Ct));
        Assert.Equal(5L, await db.ScalarAsync<long>("""SELECT count(*) FROM "__MarketplaceMigrationChecksums" """, Ct));
        Assert.Equal(7, (await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);

        var up = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", Db.AllMigrations()[^1]], cancellationToken: Ct);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
        // At the latest migration, --to runs the whole pipeline: verified, seeded.
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);
    }

    [Fact]
    public async Task A_step_down_that_drops_data_is_refused_with_exit_code_8_and_allowed_with_allow_data_loss()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        await db.ExecuteAsync("""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash") VALUES
              ('00000000-0000-0000-0000-000000000002', 'bob@example.com', 'BOB@EXAMPLE.COM', 'Bob', 'hash');
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "SellerId")
            SELECT 'Bike', 'Red', 50, 'vehicles', "Id", '00000000-0000-0000-0000-000000000002' FROM "Category" WHERE "Slug" = 'vehicles';
            INSERT INTO "AdminAuditLog" ("AdminId", "Action", "TargetType", "TargetId")
            VALUES ('00000000-0000-0000-0000-000000000002', 'category_moved', 'category', '1');
            """, Ct);

        var refused = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", "AddListingIndexes"], cancellationToken: Ct);

        Assert.Equal(8, refused.ExitCode);
        Assert.Contains("table Category (10 rows)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("column Listing.CategoryId (1 non-null value)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-data-loss", refused.Error, StringComparison.Ordinal);
        Assert.Equal(Db.AllMigrations().Count, (await db.AppliedMigrationsAsync(Ct)).Count);

        var allowed = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", "AddListingIndexes", "--allow-data-loss"], cancellationToken: Ct);

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count);
        Assert.Equal(1L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct));
        // PostgreSQL cannot drop an enum label: the revert made admin_action again, the moved category's row now holds
        // the label the older version knows for it.
        Assert.Equal("category_updated", await db.ScalarAsync<string>("""SELECT "Action"::text FROM "AdminAuditLog" """, Ct));

        var again = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL""", Ct));
    }

    [Fact]
    public async Task An_unknown_target_is_a_usage_error_that_lists_the_migrations()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", "AddCategoryModl"], cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to AddCategoryModl: no such migration", result.Error, StringComparison.Ordinal);
        Assert.Contains(Db.MigrationId("AddCategoryModel"), result.Error, StringComparison.Ordinal);
    }
}
