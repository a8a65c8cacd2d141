using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Api.Jobs;

public static class PeriodicJobServices
{
    /// <summary>
    /// Runs <typeparamref name="TJob"/> (a singleton) in the background of every replica on <paramref name="schedule"/>,
    /// read once from the validated settings at start; <paramref name="name"/> names its spans and log lines.
    /// </summary>
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, PeriodicJobSchedule> schedule)
        where TJob : class, IPeriodicJob
    {
        services.TryAddSingleton<PeriodicJobRunner>();
        services.TryAddSingleton<TJob>();
        services.AddSingleton(new PeriodicJobRegistration<TJob>(name, schedule));
        services.AddHostedService<PeriodicJobService<TJob>>();
        return services;
    }
}
