using System.Net;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Api's half of the schema guard: /health is 503 while the database is behind, changed or drifted, names why in
/// Development, and turns 200 on its own once the database is fixed.
/// </summary>
public sealed class SchemaGuardReadinessTests(PostgresServer server)
{
    private static readonly Dictionary<string, string?> FastChecks = new() { ["Health:SchemaCheckInterval"] = "00:00:01" };

    [Fact]
    public async Task The_incident_replayed_the_Api_is_not_ready_until_the_worker_ran_then_creates_listings_and_none_was_lost()
    {
        await using var app = await ApiApp.CreateAsync(server, FastChecks, environment: "Development", migrateTo: "AddListingIndexes", cancellationToken: Ct);
        await app.Db.InsertSellerWithListingsAsync(Ct);
        using var client = app.CreateClient();

        using var before = await client.GetAsync("/health", Ct);
        var body = await before.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("AddCategoryModel is pending", body, StringComparison.Ordinal);
        Assert.Contains("column Listing.CategoryId is in the model but not in the database", body, StringComparison.Ordinal);
        Assert.Equal(7, (await WorkerRunner.RunAsync(app.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);

        var worker = await WorkerRunner.RunAsync(app.ConnectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());

        Assert.Equal(HttpStatusCode.OK, await HealthOnceSettledAsync(client, HttpStatusCode.OK));
        var seller = await app.SignUpAsync();
        await seller.CreateListingAsync();
        Assert.Equal(11L, await app.Db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct));
        Assert.Equal(0L, await app.Db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" WHERE "CategoryId" IS NULL""", Ct));
    }

    [Fact]
    public async Task A_column_dropped_by_hand_makes_the_Api_not_ready_and_Development_names_it()
    {
        await using var app = await ApiApp.CreateAsync(server, FastChecks, environment: "Development", cancellationToken: Ct);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await HealthOnceSettledAsync(client, HttpStatusCode.OK));

        await app.Db.ExecuteAsync("""ALTER TABLE "Listing" DROP COLUMN "AiModel" """, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthOnceSettledAsync(client, HttpStatusCode.ServiceUnavailable));
        using var health = await client.GetAsync("/health", Ct);
        Assert.Contains("column Listing.AiModel is in the model but not in the database", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_migration_makes_the_Api_not_ready_but_production_says_only_unhealthy()
    {
        await using var app = await ApiApp.CreateAsync(server, FastChecks, cancellationToken: Ct);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await HealthOnceSettledAsync(client, HttpStatusCode.OK));

        await app.Db.ExecuteAsync($"""UPDATE "__MarketplaceMigrationChecksums" SET "Checksum" = repeat('0', 64) WHERE "MigrationId" = '{Db.MigrationId("AddAdminAudit")}'""", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthOnceSettledAsync(client, HttpStatusCode.ServiceUnavailable));
        using var health = await client.GetAsync("/health", Ct);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal(6, (await WorkerRunner.RunAsync(app.ConnectionString, ["status"], cancellationToken: Ct)).ExitCode);
    }

    private static async Task<HttpStatusCode> HealthOnceSettledAsync(HttpClient client, HttpStatusCode expected)
    {
        var status = (HttpStatusCode)0;
        for (var attempt = 0; attempt < 100 && status != expected; attempt++)
        {
            status = (await client.GetAsync("/health", Ct)).StatusCode;
            if (status != expected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            }
        }

        return status;
    }
}
