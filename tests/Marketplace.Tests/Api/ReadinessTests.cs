using System.Net;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// /health is the Api's own guard against a database behind the code: unhealthy while a migration is pending, even
/// when a deployment started the Api without (or before) the worker, and healthy once the worker has run.
/// </summary>
public sealed class ReadinessTests(PostgresServer server)
{
    [Fact]
    public async Task On_a_migrated_database_the_Api_is_alive_and_ready()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_a_pending_migration_it_is_alive_but_not_ready_and_only_Development_says_which()
    {
        await using var production = await ApiApp.CreateAsync(server, migrateTo: "AddCategoryModel", cancellationToken: Ct);
        await using var development = await ApiApp.CreateAsync(server, environment: "Development", migrateTo: "AddCategoryModel", cancellationToken: Ct);
        using var productionClient = production.CreateClient();
        using var developmentClient = development.CreateClient();

        using var productionHealth = await productionClient.GetAsync("/health", Ct);
        using var developmentHealth = await developmentClient.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, productionHealth.StatusCode);
        Assert.Equal("Unhealthy", await productionHealth.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, developmentHealth.StatusCode);
        Assert.Contains("AddListingTextSearch", await developmentHealth.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await productionClient.GetAsync("/alive", Ct)).StatusCode);
    }

    [Fact]
    public async Task Once_the_worker_has_run_the_next_check_makes_it_ready_without_a_restart()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Health:SchemaCheckInterval"] = "00:00:01" }, migrateTo: "AddCategoryModel", cancellationToken: Ct);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Ct)).StatusCode);

        var worker = await WorkerRunner.RunAsync(app.ConnectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());

        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 100 && status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            status = (await client.GetAsync("/health", Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
