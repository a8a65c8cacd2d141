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
    public static Task<WorkerResult> RunAsync(
        string? connectionString,
        string[] args,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, args, configureServices: null, settings, cancellationToken);

    /// <summary>Runs the worker in-process with <paramref name="configureServices"/> having the last word on its services.</summary>
    public static Task<WorkerResult> RunAsync(
        string? connectionString,
        string[] args,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, args, configureServices, settings, standardInput: null, cancellationToken);

    /// <summary>Runs the worker in-process with <paramref name="standardInput"/> piped to it (null: no input at all, no terminal).</summary>
    public static Task<WorkerResult> RunWithInputAsync(
        string? connectionString,
        string[] args,
        string? standardInput,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, args, configureServices: null, settings, standardInput, cancellationToken);

    private static async Task<WorkerResult> RunAsync(
        string? connectionString,
        string[] args,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices,
        IReadOnlyDictionary<string, string?>? settings,
        string? standardInput,
        CancellationToken cancellationToken)
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
            new WorkerInvocation
            {
                Configuration = configuration,
                Output = output,
                Error = error,
                ConfigureServices = configureServices,
                // Never the test runner's own console: piped text, or nothing (end of input at once).
                Input = new StringReader(standardInput ?? ""),
                InputIsTerminal = false,
            },
            cancellationToken);
        return new WorkerResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built worker as its own process, as an orchestrator would.</summary>
    public static async Task<WorkerResult> RunProcessAsync(
        IReadOnlyDictionary<string, string?> environment,
        string[] args,
        CancellationToken cancellationToken = default)
    {
        using var worker = StartProcess(environment, args, cancellationToken);
        return await worker.WaitAsync(cancellationToken);
    }

    /// <summary>Starts the built worker as its own process and returns at once, so a test can kill it part-way.</summary>
    public static WorkerProcess StartProcess(
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

        var process = Process.Start(start)!;
        return new WorkerProcess(process, process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
    }
}
