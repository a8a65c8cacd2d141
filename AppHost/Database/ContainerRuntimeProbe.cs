using System.ComponentModel;
using System.Diagnostics;

namespace Marketplace.AppHost.Database;

/// <summary>
/// Asks the container runtime Aspire would use (ASPIRE_CONTAINER_RUNTIME, else Docker, else Podman) whether it answers,
/// so the AppHost never picks containers that DCP would then wait on forever.
/// </summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Null when a runtime answers; otherwise why none does, naming what was tried.</summary>
    public static string? WhyUnavailable()
    {
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(configured) ? ["docker", "podman"] : [configured];

        var failures = new List<string>();
        foreach (var runtime in candidates)
        {
            var failure = Ask(runtime);
            if (failure is null)
            {
                return null;
            }

            failures.Add(failure);
        }

        return string.Join("; ", failures);
    }

    private static string? Ask(string runtime)
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

            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return $"`{runtime} info` did not answer within {ProbeTimeout.TotalSeconds:0} s";
            }

            return process.ExitCode == 0 ? null : $"`{runtime} info` exited {process.ExitCode}: {FirstLine(stderr.Result)}";
        }
        catch (Win32Exception)
        {
            return $"`{runtime}` is not installed";
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
