namespace Marketplace.Api.Jobs;

/// <summary>Runs <typeparamref name="TJob"/> every interval of its schedule; a failed run is logged and the next one comes after the interval.</summary>
public sealed partial class PeriodicJobService<TJob>(
    PeriodicJobRunner runner,
    PeriodicJobRegistration<TJob> registration,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<PeriodicJobService<TJob>> logger) : BackgroundService
    where TJob : class, IPeriodicJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(registration.Schedule(services).Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await runner.RunOnceAsync<TJob>(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, registration.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic job {Job} failed; it runs again after the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
