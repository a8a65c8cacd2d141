using Marketplace.Data.Migrations;
using Marketplace.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.Tests.Worker;

/// <summary>A database whose schema was made without migrations (EnsureCreated here; scripts or a db push alike).</summary>
public sealed class BaselineCommandTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_says_the_schema_was_made_without_migrations_and_baseline_records_them_when_it_matches()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await EnsureCreatedAsync(db);

        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        var baseline = await WorkerRunner.RunAsync(database.ConnectionString, ["baseline"], cancellationToken: Ct);
        var after = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);
        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);

        Assert.Equal(5, status.ExitCode);
        Assert.Contains("no migration history, but 22 of the model's tables exist", status.Output, StringComparison.Ordinal);
        Assert.Contains("baseline", status.Output, StringComparison.Ordinal);
        Assert.True(baseline.ExitCode == 0, baseline.ToString());
        Assert.Contains($"Recorded {Db.AllMigrations().Count} migrations as applied", baseline.Output, StringComparison.Ordinal);
        Assert.Equal(Db.AllMigrations(), await db.AppliedMigrationsAsync(Ct));
        Assert.Equal(["Baseline"], await db.ColumnAsync("""SELECT DISTINCT "RecordedWith" FROM "__MarketplaceMigrationChecksums" """, Ct));
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("baselined ", after.Output, StringComparison.Ordinal);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Category" """, Ct));
    }

    [Fact]
    public async Task Baseline_refuses_a_schema_that_differs_with_the_drift_report_and_records_nothing()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await EnsureCreatedAsync(db);
        await db.ExecuteAsync("""ALTER TABLE "Listing" DROP COLUMN "CategoryId" """, Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["baseline"], cancellationToken: Ct);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Refusing to baseline", result.Error, StringComparison.Ordinal);
        Assert.Contains("column Listing.CategoryId is in the model but not in the database", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = '__EFMigrationsHistory'", Ct));
    }

    [Fact]
    public async Task Baseline_refuses_an_empty_database_and_says_to_migrate()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["baseline"], cancellationToken: Ct);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("it is empty, so run migrate instead", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_leaves_a_database_with_a_history_alone_and_explains_with_exit_code_2()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["baseline"], cancellationToken: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already has a migration history (5 applied", result.Error, StringComparison.Ordinal);
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count);
    }

    [Fact]
    public async Task Baseline_refuses_a_pushed_schema_without_the_search_trigger_and_names_it()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await EnsureCreatedAsync(db, withTriggers: false);

        var result = await WorkerRunner.RunAsync(database.ConnectionString, ["baseline"], cancellationToken: Ct);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("trigger Listing.TR_Listing_SearchVector is in the model but not in the database", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = '__EFMigrationsHistory'", Ct));
    }

    /// <summary>
    /// The schema as EnsureCreated (or a db push) makes it, plus, unless told otherwise, the triggers a complete hand-made
    /// schema would have: EF Core knows triggers by name only, so no model-based tool creates them.
    /// </summary>
    private static async Task EnsureCreatedAsync(Db db, bool withTriggers = true)
    {
        await using var context = db.CreateContext();
        Assert.True(await context.Database.EnsureCreatedAsync(Ct));
        if (withTriggers)
        {
            foreach (var sql in new AddListingSearchVector().UpOperations.OfType<SqlOperation>())
            {
                await db.ExecuteAsync(sql.Sql, Ct);
            }
        }
    }
}
