using System.Diagnostics;
using System.Text.Json;

namespace Marketplace.AppHost.Tests.Support;

/// <summary>The Aspire CLI (the repository's local dotnet tool), reading a running AppHost and its dashboard's telemetry API.</summary>
public static class AspireCli
{
    public static async Task<JsonElement> JsonAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppHostTestRun.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["aspire", .. arguments, "--format", "json", "--nologo", "--non-interactive"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aspire {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}\n{await error}");
        }

        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }
}
