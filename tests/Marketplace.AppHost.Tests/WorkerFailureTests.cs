using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>The ordering guarantee: when the migration worker fails, the Api is never started against the database.</summary>
public sealed class WorkerFailureTests
{
    [Fact]
    public async Task When_the_worker_fails_the_api_stays_unstarted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // Not a connection string at all: the worker stops with a configuration error (exit code 2) at once.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            ["--ConnectionStrings:marketplacedb=this is not a connection string"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
        var states = ResourceStateLog.Record(app, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);

        var worker = await app.WaitForTerminalAsync("migrationworker", cancellationToken);
        Assert.Equal(2, worker.Snapshot.ExitCode);

        var api = await app.WaitForTerminalAsync("api", cancellationToken);
        Assert.Equal(KnownResourceStates.FailedToStart, api.Snapshot.State?.Text);

        // Aspire publishes Starting for every resource before it waits; the Api must never have been Running.
        Assert.DoesNotContain(states.Entries, e => e.Resource == "api" && e.State == KnownResourceStates.Running);
    }
}
