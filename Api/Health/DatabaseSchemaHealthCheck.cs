using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Health;

/// <summary>
/// Whether the database has the schema this build expects: today, that no migration is pending. A deployment that
/// started this Api before (or without) the migration worker is therefore never routed users. The schema-drift work
/// (issue 5) extends this check with drift and checksum verification. <see cref="DatabaseSchemaMonitor"/> runs it on
/// an interval, so probes never cost a query.
/// </summary>
public sealed class DatabaseSchemaHealthCheck(IServiceScopeFactory scopeFactory) : IHealthCheck
{
    public const string PendingMigrationsKey = "pendingMigrations";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                return HealthCheckResult.Healthy("Every migration this build knows is applied.");
            }

            return HealthCheckResult.Unhealthy(
                $"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}. Run the migration worker.",
                data: new Dictionary<string, object> { [PendingMigrationsKey] = pending });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Could not read the migration history: {ex.GetBaseException().Message}", ex);
        }
    }
}
