using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Verification;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Worker;

/// <summary>
/// Behind and drifted at once: before applying anything, the worker compares the live schema with what its migration
/// history says it is (the last applied migration's target model) and refuses a database that differs.
/// </summary>
public sealed class HistoryDriftTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_migrations_target_model_is_exactly_the_schema_the_migrations_up_to_it_make()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        var detector = new SchemaDriftDetector(Options.Create(new SchemaDriftOptions()));
        var verifier = new SchemaVerifier(detector, new GuardedContext(typeof(MarketplaceDbContext), Options.Create(new SchemaDriftOptions())));

        foreach (var migration in Db.AllMigrations())
        {
            await db.MigrateToAsync(migration.Split('_', 2)[1], Ct);
            await using var context = db.CreateContext();
            var history = await verifier.VerifyHistoryAsync(context, Ct);

            var drift = await verifier.DetectDriftFromHistoryAsync(context, history, Ct);

            Assert.NotNull(drift);
            Assert.True(drift.Differences.Count == 0, $"At {migration}:{Environment.NewLine}{drift.Describe()}");
        }
    }

    [Fact]
    public async Task A_database_behind_and_drifted_is_refused_before_anything_is_applied()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        await db.InsertSellerWithListingsAsync(Ct);
        await db.ExecuteAsync("""ALTER TABLE "Listing" DROP COLUMN "AiModel" """, Ct);
        const string sentence = "column Listing.AiModel is in the model but not in the database";

        var migrate = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        var moveDown = await WorkerRunner.RunAsync(database.ConnectionString, ["migrate", "--to", "AddAdminAudit"], cancellationToken: Ct);
        var status = await WorkerRunner.RunAsync(database.ConnectionString, ["status"], cancellationToken: Ct);

        Assert.Equal(5, migrate.ExitCode);
        Assert.Contains($"not what its migration history says (the schema of {Db.MigrationId("AddListingIndexes")})", migrate.Error, StringComparison.Ordinal);
        Assert.Contains(sentence, migrate.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied.", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(5, moveDown.ExitCode);
        Assert.Equal(5, status.ExitCode);
        Assert.Contains("Not what its migration history says", status.Output, StringComparison.Ordinal);
        Assert.Contains(sentence, status.Output, StringComparison.Ordinal);
        Assert.Equal(5, (await db.AppliedMigrationsAsync(Ct)).Count);
        Assert.Equal(10L, await db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct));
    }
}
