using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.AppHost.Schema;

/// <summary>
/// Runs one of the migration worker's commands (status, lint, seed-demo) as its own short process: the worker's build output, in
/// the project's folder, with the environment the worker resource gets (its connection string and settings), so the
/// answer is about the same database with the same settings.
/// </summary>
public sealed class WorkerCommandRunner(ProjectResource worker)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    // Asked of MSBuild once: `dotnet run` would evaluate the project on every click, which took most of half a minute
    // on a loaded machine.
    private readonly Lazy<Task<string?>> _targetPath = new(() => TargetPathAsync(worker.GetProjectMetadata().ProjectPath));

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <param name="timeout">How long the command may take before it is killed: three minutes unless given.</param>
    public async Task<Result> RunAsync(ExecuteCommandContext context, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var projectPath = worker.GetProjectMetadata().ProjectPath;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] launch = await _targetPath.Value is { } targetPath && File.Exists(targetPath)
            ? [targetPath]
            : ["run", "--project", projectPath, "--no-build", "--configuration", BuildConfiguration(), "--no-launch-profile", "--"];
        foreach (var argument in launch)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var executionContext = context.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var configuration = await ExecutionConfigurationBuilder.Create(worker)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(executionContext, context.Logger, context.CancellationToken);
        if (configuration.Exception is not null)
        {
            return new Result(-1, "", configuration.Exception.Message);
        }

        foreach (var (name, value) in configuration.EnvironmentVariables)
        {
            startInfo.Environment[name] = value;
        }

        // Telemetry from these short runs would land under the worker's name and read as another worker run.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }

    private static async Task<string?> TargetPathAsync(string projectPath)
    {
        var startInfo = new ProcessStartInfo("dotnet", ["msbuild", projectPath, "-getProperty:TargetPath", $"-p:Configuration={BuildConfiguration()}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo);
        if (process is null)
        {
            return null;
        }

        var output = await process.StandardOutput.ReadToEndAsync();
        _ = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && output.Trim() is { Length: > 0 } path ? path : null;
    }

    /// <summary>The configuration this AppHost was built in, which is the one its projects were built in (as the orchestrator assumes).</summary>
    private static string BuildConfiguration() =>
        typeof(WorkerCommandRunner).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";
}
