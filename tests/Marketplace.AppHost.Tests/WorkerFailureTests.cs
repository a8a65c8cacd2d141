namespace Marketplace.AppHost.Tests;

/// <summary>The ordering guarantee: when the migration worker fails, the Api is never started against the database.</summary>
public sealed class WorkerFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // Runs no container: the AppHost takes the "existing PostgreSQL" path when given a connection string, so it
    // needs the Aspire packages (DCP) but not Docker.
    [Fact]
    public async Task When_the_worker_fails_the_api_is_not_started()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // Not a connection string at all: the worker must stop with a configuration error (exit code 2) at once.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            ["--ConnectionStrings:marketplacedb=this is not a connection string"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

        var worker = await app.ResourceNotifications
            .WaitForResourceAsync(
                "migrationworker",
                e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state),
                cancellationToken)
            .WaitAsync(Timeout, cancellationToken);
        Assert.Equal(2, worker.Snapshot.ExitCode);

        var api = await app.ResourceNotifications
            .WaitForResourceAsync(
                "api",
                e => e.Snapshot.State?.Text is { } state
                    && (state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Running),
                cancellationToken)
            .WaitAsync(Timeout, cancellationToken);
        Assert.Equal(KnownResourceStates.FailedToStart, api.Snapshot.State?.Text);
    }
}
