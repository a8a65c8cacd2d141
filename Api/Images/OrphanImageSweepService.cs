using Microsoft.Extensions.Options;

namespace Marketplace.Api.Images;

/// <summary>Runs <see cref="OrphanImageSweep"/> every Images:OrphanSweepInterval; a failed run is logged and tried again next time.</summary>
public sealed partial class OrphanImageSweepService(
    OrphanImageSweep sweep, IOptions<ListingImageOptions> options, TimeProvider timeProvider, ILogger<OrphanImageSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OrphanSweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphan image sweep failed; it runs again after the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
