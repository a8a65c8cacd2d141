using System.Net;
using System.Text.Json;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.ServiceDefaults;

/// <summary>
/// /alive and /health as an orchestrator's probes and an operator see them, for an Api whose database check fails
/// (registered the way Marketplace.Data registers its check: tagged "ready").
/// </summary>
public sealed class DefaultEndpointsTests
{
    private const string FailingCheckDescription = "3 migrations are pending";

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Alive_answers_healthy_while_a_readiness_check_fails(string environment)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await StartApiWithFailingDatabaseCheckAsync(environment, cancellationToken);
        using var client = new HttpClient { BaseAddress = app.BaseAddress() };

        using var response = await client.GetAsync(new Uri("/alive", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", body, StringComparison.Ordinal);
        Assert.DoesNotContain("marketplacedb", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_outside_Development_answers_503_with_the_bare_status_and_no_detail()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await StartApiWithFailingDatabaseCheckAsync("Production", cancellationToken);
        using var client = new HttpClient { BaseAddress = app.BaseAddress() };

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [Fact]
    public async Task Health_in_Development_answers_503_with_each_checks_status_and_description_as_json()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await StartApiWithFailingDatabaseCheckAsync("Development", cancellationToken);
        using var client = new HttpClient { BaseAddress = app.BaseAddress() };

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = report.RootElement;
        Assert.Equal("Unhealthy", root.GetProperty("status").GetString());

        var database = root.GetProperty("checks").GetProperty("marketplacedb");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Equal(FailingCheckDescription, database.GetProperty("description").GetString());

        var self = root.GetProperty("checks").GetProperty("self");
        Assert.Equal("Healthy", self.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_answers_200_when_every_check_passes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var builder = LoopbackWebApplication.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("marketplacedb", () => HealthCheckResult.Healthy(), ["ready"]);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(cancellationToken);
        using var client = new HttpClient { BaseAddress = app.BaseAddress() };

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task<WebApplication> StartApiWithFailingDatabaseCheckAsync(string environment, CancellationToken cancellationToken)
    {
        var builder = LoopbackWebApplication.CreateBuilder(environment);
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("marketplacedb", () => HealthCheckResult.Unhealthy(FailingCheckDescription), ["ready"]);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
