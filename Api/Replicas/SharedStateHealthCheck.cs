using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Replicas;

/// <summary>
/// Redis in <c>/health</c>: Degraded, never Unhealthy, when it does not answer. Readiness still passes (200), so the
/// replica stays in rotation: limits fall back to each replica's share and evictions to the timed caches.
/// </summary>
public sealed class SharedStateHealthCheck(SharedState shared) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shared.Database is not { } redis)
        {
            return HealthCheckResult.Degraded("Redis does not answer: rate limits count per replica, and other replicas' changes reach this one when its caches expire.");
        }

        try
        {
            var latency = await redis.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception e) when (SharedState.IsOutage(e) || e is TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: rate limits count per replica.", e);
        }
    }
}
