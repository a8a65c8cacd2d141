using System.Diagnostics;

namespace Marketplace.Tests.Support;

/// <summary>A worker process started by <see cref="WorkerRunner.StartProcess"/>.</summary>
public sealed class WorkerProcess(Process process, Task<string> stdout, Task<string> stderr) : IDisposable
{
    public async Task<WorkerResult> WaitAsync(CancellationToken cancellationToken = default)
    {
        await process.WaitForExitAsync(cancellationToken);
        return new WorkerResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>SIGKILL, as an orchestrator that gives up on a pod does: no shutdown code runs.</summary>
    public async Task<WorkerResult> KillAsync()
    {
        process.Kill(entireProcessTree: true);
        return await WaitAsync();
    }

    public void Dispose() => process.Dispose();
}
