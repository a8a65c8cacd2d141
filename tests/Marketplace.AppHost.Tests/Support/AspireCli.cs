using System.Diagnostics;
using System.Text.Json;

namespace Marketplace.AppHost.Tests.Support;

/// <summary>The Aspire CLI (the repository's local dotnet tool), reading a running AppHost and its dashboard's telemetry API.</summary>
public static class AspireCli
{
    private static readonly SemaphoreSlim Restore = new(1, 1);
    private static bool _restored;

    public static async Task<JsonElement> JsonAsync(string[] arguments, CancellationToken cancellationToken)
    {
        await RestoreToolsAsync(cancellationToken);
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

    /// <summary>`dotnet tool restore` once per run, so a fresh clone's `dotnet test` finds the CLI without a manual step.</summary>
    private static async Task RestoreToolsAsync(CancellationToken cancellationToken)
    {
        await Restore.WaitAsync(cancellationToken);
        try
        {
            if (_restored)
            {
                return;
            }

            var start = new ProcessStartInfo("dotnet", ["tool", "restore"])
            {
                WorkingDirectory = AppHostTestRun.RepositoryRoot(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet tool restore exited {process.ExitCode}: {await output}\n{await error}");
            }

            _restored = true;
        }
        finally
        {
            Restore.Release();
        }
    }
}
