using Marketplace.AppHost.Database;
using Marketplace.AppHost.Storage;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The AppHost as `dotnet run --project AppHost` starts it on a machine with no container runtime: PostgreSQL from the
/// machine's binaries, Azurite on Node.js, redis-server, the worker, two replicas each of the Api and the Web, smtp4dev.
/// Started once for the tests that share it (<see cref="LocalBinariesAppGroup"/>), on a cluster, a blob folder and a
/// Redis folder of its own.
/// </summary>
public class LocalBinariesApp : IAsyncLifetime
{
    private readonly CancellationTokenSource _stopping = new();
    private DistributedApplication? _app;

    public string DataDirectory { get; } = AppHostTestRun.NewDataDirectory();

    /// <summary>Azurite's blobs, beside the cluster (initdb wants an empty folder of its own).</summary>
    public string BlobDirectory => DataDirectory + "-blobs";

    /// <summary>redis-server's data, beside the cluster.</summary>
    public string RedisDirectory => DataDirectory + "-redis";

    public DistributedApplication App => _app ?? throw new InvalidOperationException(SkipReason ?? "The app has not started.");

    /// <summary>Why the app was not started: this machine has no PostgreSQL server binaries, no Node.js for Azurite, or no redis-server.</summary>
    public string? SkipReason { get; private set; }

    public ResourceStateLog States { get; private set; } = new();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        SkipReason = WhyNotHere();
        if (SkipReason is not null)
        {
            return;
        }

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Marketplace_AppHost>(Arguments(), cancellationToken);
        Configure(appHost);
        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
        States = ResourceStateLog.Record(_app, _stopping.Token);
        await _app.StartAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
    }

    /// <summary>The local sources, each in this run's own folder. Empty connection strings override any a developer may have in the environment.</summary>
    protected virtual string[] Arguments() =>
    [
        "--Database:Source=LocalBinaries", $"--Database:DataDirectory={DataDirectory}", "--ConnectionStrings:marketplacedb=",
        "--Storage:Source=LocalAzurite", $"--Storage:DataDirectory={BlobDirectory}", "--ConnectionStrings:blobs=",
        "--Redis:Source=LocalServer", $"--Redis:DataDirectory={RedisDirectory}", "--ConnectionStrings:cache=",
    ];

    /// <summary>
    /// What a fixture changes in the app before it is built (an Api setting). Here: saved-search alerts every five
    /// seconds instead of every minute, so the browser test that waits for an alert (and then for none) is quick.
    /// </summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("SavedSearches__AlertInterval", "00:00:05");

    /// <summary>Null when this machine can run the app without containers; otherwise what to install.</summary>
    public static string? WhyNotHere()
    {
        if (PostgresBinaries.Find(null, out var searched) is null)
        {
            return $"No PostgreSQL server binaries in {searched}: install them (apt-get install postgresql) to run the local-binaries tests.";
        }

        if (LocalAzurite.Find(Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost"), out var noAzurite) is null)
        {
            return $"{noAzurite}: install Node.js and npm (apt-get install nodejs npm; npm ci --prefix tools/azurite) to run the local-binaries tests.";
        }

        return ProgramPath.Find("redis-server") is null
            ? "No redis-server on PATH: install it (apt-get install redis-server) to run the local-binaries tests."
            : null;
    }

    /// <summary>Skips the calling test, with the reason, when the app could not be started here.</summary>
    public void SkipUnlessRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        AppHostTestRun.DeleteDataDirectory(DataDirectory);
        AppHostTestRun.DeleteDataDirectory(BlobDirectory);
        AppHostTestRun.DeleteDataDirectory(RedisDirectory);
    }
}
