using Marketplace.MigrationWorker;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await WorkerCommandLine.InvokeAsync(args, cancellationToken: cancellation.Token);
