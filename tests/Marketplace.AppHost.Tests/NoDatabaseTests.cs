using System.Diagnostics;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>With no PostgreSQL to be had, the AppHost says what to provide and exits instead of waiting forever.</summary>
public sealed class NoDatabaseTests
{
    [Fact]
    public async Task Without_any_postgres_the_apphost_names_the_three_options_and_exits_2()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var missing = Path.Combine(Path.GetTempPath(), "no-postgres-here-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost"),
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost", "bin", AppHostTestRun.BuildConfiguration(), "net10.0", "Marketplace.AppHost.dll"),
            "--Database:Source=LocalBinaries", $"--Database:PostgresBinDirectory={missing}", "--ConnectionStrings:marketplacedb=",
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
        Assert.Contains("ConnectionStrings:marketplacedb", message, StringComparison.Ordinal);
        Assert.Contains("Docker or Podman", message, StringComparison.Ordinal);
        Assert.Contains("Database:PostgresBinDirectory", message, StringComparison.Ordinal);
        Assert.Single(message.Trim().Split('\n'));
    }
}
