using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// A step resolved on first use. The steps after the no-op check need the DbContext, and creating it (EF Core's
/// internal services) costs more than the whole of a run with nothing to do, so the pipeline takes them as
/// <see cref="Lazy{T}"/> and a no-op run never builds them.
/// </summary>
internal sealed class LazyStep<T>(IServiceProvider services) : Lazy<T>(services.GetRequiredService<T>)
    where T : notnull;
