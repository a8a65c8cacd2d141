using Marketplace.Data;
using Marketplace.Data.Schema;
using Marketplace.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.Schema;

/// <summary>The check the Api's readiness repeats: names what is wrong, and re-verifies only when the database changed.</summary>
public sealed class DatabaseSchemaCheckTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task It_names_pending_migrations_then_turns_current_after_the_worker_and_names_drift_made_since()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var db = new Db(database.ConnectionString);
        await db.MigrateToAsync("AddListingIndexes", Ct);
        using var host = BuildHost(database.ConnectionString);
        var check = host.Services.GetRequiredService<DatabaseSchemaCheck>();

        var behind = await check.CheckAsync(Ct);
        Assert.False(behind.IsCurrent);
        Assert.Contains($"migration {Db.MigrationId("AddCategoryModel")} is pending", behind.Problems);
        Assert.Contains("column Listing.CategoryId is in the model but not in the database", behind.Problems);

        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        Assert.True((await check.CheckAsync(Ct)).IsCurrent);

        await db.ExecuteAsync("""DROP INDEX "IX_Listing_Status_Price_Id" """, Ct);
        var drifted = await check.CheckAsync(Ct);
        Assert.False(drifted.IsCurrent);
        Assert.Equal(["index IX_Listing_Status_Price_Id is in the model but not in the database"], drifted.Problems);
        // Nothing changed since: the verdict is reused, not recomputed.
        Assert.Same(drifted.Problems, (await check.CheckAsync(Ct)).Problems);
    }

    [Fact]
    public async Task A_database_the_worker_stamped_for_this_build_is_current_without_building_the_model()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        Assert.Equal(0, (await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct)).ExitCode);
        using var host = BuildHost(database.ConnectionString, verifierThrows: true);

        var status = await host.Services.GetRequiredService<DatabaseSchemaCheck>().CheckAsync(Ct);

        Assert.True(status.IsCurrent, string.Join("; ", status.Problems));
    }

    private static IHost BuildHost(string connectionString, bool verifierThrows = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:marketplacedb"] = connectionString });
        builder.AddMarketplaceDbContext(retryOnFailure: false);
        builder.AddDatabaseSchemaCheck();
        if (verifierThrows)
        {
            // Proves the stamp path: any use of the full verifier fails the test.
            builder.Services.AddScoped<DatabaseSchemaVerifier>(_ => throw new InvalidOperationException("the full verifier was used"));
        }

        return builder.Build();
    }
}
