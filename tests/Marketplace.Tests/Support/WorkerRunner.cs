using System.Diagnostics;
using Marketplace.MigrationWorker;

namespace Marketplace.Tests.Support;

public sealed record WorkerResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Runs the migration worker's command line, in-process (fast, parallel) or as the real process.</summary>
public static class WorkerRunner
{
    public static async Task<WorkerResult> RunAsync(
        string? connectionString,
        string[] args,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:marketplacedb"] = connectionString,
            ["MigrationWorker:DatabaseWaitTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await WorkerCommandLine.InvokeAsync(
            args,
            new WorkerInvocation { Configuration = configuration, Output = output, Error = error },
            cancellationToken);
        return new WorkerResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built worker as its own process, as an orchestrator would.</summary>
    public static async Task<WorkerResult> RunProcessAsync(
        IReadOnlyDictionary<string, string?> environment,
        string[] args,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Marketplace.MigrationWorker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ConnectionStrings__marketplacedb");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new WorkerResult(process.ExitCode, await stdout, await stderr);
    }
}
