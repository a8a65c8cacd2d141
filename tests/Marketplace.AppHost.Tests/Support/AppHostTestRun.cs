using System.Reflection;

namespace Marketplace.AppHost.Tests.Support;

/// <summary>What the AppHost tests share: where things are, and how long a start may take on a loaded CI machine.</summary>
public static class AppHostTestRun
{
    /// <summary>A start is about 50 s here; the bound only turns a hang into a failure that says what it waited for.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan WaitTimeout = TimeSpan.FromMinutes(5);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Marketplace.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The configuration this test run was built in; the AppHost and its projects were built in the same one.</summary>
    public static string BuildConfiguration() =>
        typeof(AppHostTestRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>A folder for a local PostgreSQL cluster that exists only for one test run (the AppHost creates it).</summary>
    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "marketplace-apphost-tests", Guid.NewGuid().ToString("N")[..12]);

    public static void DeleteDataDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Waits until the resource is in a terminal state (Finished, Exited, FailedToStart), so a failure shows at once.</summary>
    public static Task<ResourceEvent> WaitForTerminalAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken) =>
        app.ResourceNotifications
            .WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), cancellationToken)
            .WaitAsync(WaitTimeout, cancellationToken);
}
