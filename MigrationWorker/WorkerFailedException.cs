namespace Marketplace.MigrationWorker;

/// <summary>A failure the worker explains in one paragraph and ends with a specific exit code.</summary>
public sealed class WorkerFailedException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
