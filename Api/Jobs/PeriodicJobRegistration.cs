namespace Marketplace.Api.Jobs;

/// <summary>A registered periodic job: its name (on its spans and in the log) and how its schedule is read from the settings.</summary>
public sealed record PeriodicJobRegistration<TJob>(string Name, Func<IServiceProvider, PeriodicJobSchedule> Schedule)
    where TJob : class, IPeriodicJob;
