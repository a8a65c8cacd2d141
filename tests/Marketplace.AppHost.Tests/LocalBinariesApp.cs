using Marketplace.AppHost.Database;
using Marketplace.AppHost.Storage;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The AppHost as `dotnet run --project AppHost` starts it on a machine with no container runtime: PostgreSQL from the
/// machine's binaries, Azurite on Node.js, the worker, the Api, the Web, smtp4dev. Started once for the tests that
/// share it (<see cref="LocalBinariesAppGroup"/>), on a cluster and a blob folder of its own.
/// </summary>
public sealed class LocalBinariesApp : IAsyncLifetime
{
    private readonly CancellationTokenSource _stopping = new();
    private DistributedApplication? _app;

    public string DataDirectory { get; } = AppHostTestRun.NewDataDirectory();

    /// <summary>Azurite's blobs, beside the cluster (initdb wants an empty folder of its own).</summary>
    public string BlobDirectory => DataDirectory + "-blobs";

    public DistributedApplication App => _app ?? throw new InvalidOperationException(SkipReason ?? "The app has not started.");

    /// <summary>Why the app was not started: this machine has no PostgreSQL server binaries, or no Node.js for Azurite.</summary>
    public string? SkipReason { get; private set; }

    public ResourceStateLog States { get; private set; } = new();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (PostgresBinaries.Find(null, out var searched) is null)
        {
            SkipReason = $"No PostgreSQL server binaries in {searched}: install them (apt-get install postgresql) to run the local-binaries tests.";
            return;
        }

        if (LocalAzurite.Find(Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost"), out var noAzurite) is null)
        {
            SkipReason = $"{noAzurite}: install Node.js and npm (apt-get install nodejs npm; npm ci --prefix tools/azurite) to run the local-binaries tests.";
            return;
        }

        // Empty connection strings override any a developer may have in the environment.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(
            [
                "--Database:Source=LocalBinaries", $"--Database:DataDirectory={DataDirectory}", "--ConnectionStrings:marketplacedb=",
                "--Storage:Source=LocalAzurite", $"--Storage:DataDirectory={BlobDirectory}", "--ConnectionStrings:blobs=",
            ],
            cancellationToken);
        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
        States = ResourceStateLog.Record(_app, _stopping.Token);
        await _app.StartAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
    }

    /// <summary>Skips the calling test, with the reason, when the app could not be started here.</summary>
    public void SkipUnlessRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
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
        AppHostTestRun.DeleteDataDirectory(BlobDirectory);
    }
}
