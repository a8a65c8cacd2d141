using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker;

/// <summary>How the worker is invoked: configuration overrides and where its output goes (tests run it in-process).</summary>
public sealed record WorkerInvocation
{
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }
    public TextWriter Output { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Last word on the services, after the worker's own registrations; tests use it to swap a migrations assembly.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
