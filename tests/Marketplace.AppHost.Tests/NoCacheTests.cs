using System.Diagnostics;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>With no Redis to be had, the AppHost says what to provide and exits instead of starting replicas that cannot share.</summary>
public sealed class NoCacheTests
{
    [Fact]
    public async Task Without_any_redis_the_apphost_names_the_three_options_and_exits_2()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var missing = Path.Combine(Path.GetTempPath(), "no-redis-here-" + Guid.NewGuid().ToString("N"), "redis-server");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost"),
        };
        // The database and the blob store as connection strings (nothing is contacted before the choice of Redis).
        foreach (var argument in new[]
        {
            Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost", "bin", AppHostTestRun.BuildConfiguration(), "net10.0", "Marketplace.AppHost.dll"),
            "--ConnectionStrings:marketplacedb=Host=127.0.0.1;Username=nobody", "--ConnectionStrings:blobs=UseDevelopmentStorage=true",
            "--Redis:Source=LocalServer", $"--Redis:ServerPath={missing}", "--ConnectionStrings:cache=",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);

        var message = await error;
        Assert.True(process.ExitCode == 2, $"exit code {process.ExitCode}\n{await output}\n{message}");
        Assert.Contains(missing, message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:cache", message, StringComparison.Ordinal);
        Assert.Contains("Docker or Podman", message, StringComparison.Ordinal);
        Assert.Contains("apt-get install redis-server", message, StringComparison.Ordinal);
        Assert.Single(message.Trim().Split('\n'));
    }
}
