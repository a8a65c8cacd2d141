using System.ComponentModel;
using System.Diagnostics;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// Asks the container runtime Aspire would use whether it answers, so tests that need PostgreSQL in a container
/// can skip with a reason instead of hanging until DCP gives up.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string?>> Probe = new(ProbeAsync);

    /// <summary>Null when a runtime answers; otherwise why none does, naming what was tried.</summary>
    public static Task<string?> WhyUnavailableAsync() => Probe.Value;

    private static async Task<string?> ProbeAsync()
    {
        // Aspire uses ASPIRE_CONTAINER_RUNTIME (formerly DOTNET_ASPIRE_CONTAINER_RUNTIME) when set, else Docker, else Podman.
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(configured) ? ["docker", "podman"] : [configured];

        var failures = new List<string>();
        foreach (var runtime in candidates)
        {
            var failure = await AskAsync(runtime);
            if (failure is null)
            {
                return null;
            }

            failures.Add(failure);
        }

        return "No container runtime answers, and these tests run PostgreSQL and pgAdmin in containers: "
            + string.Join("; ", failures)
            + ". Start Docker or Podman (or set ASPIRE_CONTAINER_RUNTIME) and run them again.";
    }

    private static async Task<string?> AskAsync(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, "info")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return $"`{runtime} info` could not be started";
            }

            using var timeout = new CancellationTokenSource(ProbeTimeout);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return $"`{runtime} info` did not answer within {ProbeTimeout.TotalSeconds:0} s";
            }

            return process.ExitCode == 0
                ? null
                : $"`{runtime} info` exited {process.ExitCode}: {FirstLine(await stderr)}";
        }
        catch (Win32Exception)
        {
            return $"`{runtime}` is not installed";
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
