using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The AppHost as `dotnet run --project AppHost` starts it on a machine with no container runtime: PostgreSQL from the
/// machine's binaries, the worker, the Api. Started once for the tests that share it, on a cluster of its own.
/// </summary>
public sealed class LocalBinariesApp : IAsyncLifetime
{
    private readonly CancellationTokenSource _stopping = new();
    private DistributedApplication? _app;

    public string DataDirectory { get; } = AppHostTestRun.NewDataDirectory();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public ResourceStateLog States { get; private set; } = new();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // An empty connection string overrides one a developer may have in the environment.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            ["--Database:Source=LocalBinaries", $"--Database:DataDirectory={DataDirectory}", "--ConnectionStrings:marketplacedb="],
            cancellationToken);
        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
        States = ResourceStateLog.Record(_app, _stopping.Token);
        await _app.StartAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        AppHostTestRun.DeleteDataDirectory(DataDirectory);
    }
}
