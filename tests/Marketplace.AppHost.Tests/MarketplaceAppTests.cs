using System.Net;
using System.Text.Json;

namespace Marketplace.AppHost.Tests;

/// <summary>`dotnet run --project AppHost` as a developer meets it: database, migrations, then a healthy Api.</summary>
public sealed class MarketplaceAppTests(MarketplaceAppFixture fixture) : IClassFixture<MarketplaceAppFixture>
{
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_migration_worker_finishes_with_exit_code_0()
    {
        fixture.SkipUnlessRunning();

        var worker = await WaitForWorkerToEndAsync();

        Assert.Equal(KnownResourceStates.Finished, worker.Snapshot.State?.Text);
        Assert.Equal(0, worker.Snapshot.ExitCode);
    }

    [Fact]
    public async Task The_api_turns_healthy_and_started_only_after_the_worker_finished()
    {
        fixture.SkipUnlessRunning();
        var cancellationToken = TestContext.Current.CancellationToken;

        var worker = await WaitForWorkerToEndAsync();
        var api = await fixture.App.ResourceNotifications
            .WaitForResourceHealthyAsync("api", cancellationToken)
            .WaitAsync(ApiTimeout, cancellationToken);

        Assert.Equal(KnownResourceStates.Running, api.Snapshot.State?.Text);
        Assert.NotNull(worker.Snapshot.StopTimeStamp);
        Assert.NotNull(api.Snapshot.StartTimeStamp);
        Assert.True(
            api.Snapshot.StartTimeStamp >= worker.Snapshot.StopTimeStamp,
            $"The Api started at {api.Snapshot.StartTimeStamp:O}, before the worker finished at {worker.Snapshot.StopTimeStamp:O}.");
    }

    [Fact]
    public async Task Get_api_categories_answers_the_ten_seeded_categories()
    {
        fixture.SkipUnlessRunning();
        var cancellationToken = TestContext.Current.CancellationToken;

        await fixture.App.ResourceNotifications
            .WaitForResourceHealthyAsync("api", cancellationToken)
            .WaitAsync(WorkerTimeout + ApiTimeout, cancellationToken);
        using var client = fixture.App.CreateHttpClient("api");

        using var response = await client.GetAsync(new Uri("/api/categories", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tree = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));

        // The answer is the category tree (roots with their children); the ten seeded categories may sit at any depth.
        var slugs = Flatten(tree.RootElement).Select(category => category.GetProperty("slug").GetString()).ToList();
        Assert.Equal(10, slugs.Count);
        Assert.Equal(10, slugs.Distinct().Count());
        Assert.Contains("home-and-garden", slugs);
    }

    private Task<ResourceEvent> WaitForWorkerToEndAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // Any terminal state, so a failed worker fails this test at once with its state and exit code instead of a timeout.
        return fixture.App.ResourceNotifications
            .WaitForResourceAsync(
                "migrationworker",
                e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state),
                cancellationToken)
            .WaitAsync(WorkerTimeout, cancellationToken);
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement categories) =>
        categories.EnumerateArray().SelectMany(category =>
            category.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array
                ? Flatten(children).Prepend(category)
                : [category]);
}
