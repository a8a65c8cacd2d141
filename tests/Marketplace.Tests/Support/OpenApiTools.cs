using System.Diagnostics;
using Marketplace.Tests.Api;

namespace Marketplace.Tests.Support;

/// <summary>
/// The npm tools the contract tests run, from tests/openapi-tools (versions pinned by its package-lock.json): Redocly's
/// CLI and Stoplight Prism. .ci/run installs them with <c>npm ci</c>; a test that finds them missing installs them the
/// same way, once per run, and is skipped (saying so) only on a machine without npm.
/// </summary>
public static class OpenApiTools
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static string Folder => Path.Combine(ApiProcess.RepositoryRoot(), "tests", "openapi-tools");

    /// <summary>The path of a tool's executable (e.g. "redocly", "prism"), installing the tools first if they are missing.</summary>
    public static async Task<string> FindAsync(string tool)
    {
        var executable = Path.Combine(Folder, "node_modules", ".bin", tool);
        if (File.Exists(executable))
        {
            return executable;
        }

        var npm = FindOnPath("npm");
        if (npm is null || FindOnPath("node") is null)
        {
            Assert.Skip($"Node.js and npm are not installed, so {tool} cannot run: install them (apt-get install nodejs npm) " +
                        "and run 'npm ci --prefix tests/openapi-tools', as .ci/run does.");
        }

        await Installing.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!File.Exists(executable))
            {
                var npmCi = await RunAsync(npm!, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Folder, TimeSpan.FromMinutes(10));
                Assert.True(npmCi.ExitCode == 0, $"'npm ci' in {Folder} failed with {npmCi.ExitCode}:\n{npmCi.Output}{npmCi.Error}");
            }
        }
        finally
        {
            Installing.Release();
        }

        Assert.True(File.Exists(executable), $"'npm ci' in {Folder} did not install {tool}.");
        return executable;
    }

    /// <summary>Runs a program to its end (killing it after <paramref name="timeout"/>): its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain text: no colours, no "update available" banners.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
