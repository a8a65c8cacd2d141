namespace Marketplace.AppHost.Tests;

/// <summary>
/// The whole AppHost, started once for the tests that share it: PostgreSQL in a container, the worker, the Api.
/// When no container runtime answers it starts nothing and records why, for the tests to skip with.
/// </summary>
public sealed class MarketplaceAppFixture : IAsyncLifetime
{
    // The first run pulls the PostgreSQL and pgAdmin images.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private DistributedApplication? _app;

    public string? SkipReason { get; private set; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException(SkipReason ?? "The app has not started.");

    public async ValueTask InitializeAsync()
    {
        SkipReason = await ContainerRuntimeProbe.WhyUnavailableAsync();
        if (SkipReason is not null)
        {
            return;
        }

        var cancellationToken = TestContext.Current.CancellationToken;

        // An empty connection string overrides one a developer may have in the environment: these tests mean the
        // container path, not "use my existing PostgreSQL".
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            ["--ConnectionStrings:marketplacedb="], cancellationToken);

        // Without the data volume every run starts from an empty database, as a new developer's first run does,
        // and no password from an earlier run can lock the tests out of a kept volume.
        foreach (var resource in appHost.Resources)
        {
            foreach (var volume in resource.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.Volume).ToList())
            {
                resource.Annotations.Remove(volume);
            }
        }

        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        await _app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
    }

    /// <summary>Skips the calling test, with the reason, when the app could not be started for lack of a container runtime.</summary>
    public void SkipUnlessRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
