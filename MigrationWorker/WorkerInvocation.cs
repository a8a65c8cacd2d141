using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker;

/// <summary>How the worker is invoked: configuration overrides and where its output goes (tests run it in-process).</summary>
public sealed record WorkerInvocation
{
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }
    public TextWriter Output { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Standard input: where create-admin reads a piped password.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>
    /// Whether standard input is a terminal a person types at (then create-admin prompts and reads without echo from
    /// the console itself); false when it is piped, redirected from a file, or absent.
    /// </summary>
    public bool InputIsTerminal { get; init; } = !Console.IsInputRedirected;

    /// <summary>Last word on the services, after the worker's own registrations; tests use it to swap a migrations assembly.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
