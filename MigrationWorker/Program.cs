using System.Runtime.InteropServices;
using Marketplace.MigrationWorker;

// Ctrl+C, and the SIGTERM an orchestrator sends before it kills a job: stop at the next step, which commits whole or
// not at all, and exit 130 saying so.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return await WorkerCommandLine.InvokeAsync(args, cancellationToken: cancellation.Token);
