using Marketplace.Data.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Health;

/// <summary>
/// Whether the database has the schema this build expects: no migration pending, no applied migration changed since,
/// and no drift between the live schema and the model (the checks the worker's <c>status</c> makes). A deployment that
/// started this Api before (or without) the migration worker is therefore never routed users.
/// <see cref="DatabaseSchemaMonitor"/> runs it on an interval, so probes never cost a query; and
/// <see cref="DatabaseSchemaCheck"/> re-verifies only when the database changed, so the interval costs a few
/// scalar queries.
/// </summary>
public sealed class DatabaseSchemaHealthCheck(DatabaseSchemaCheck schemaCheck) : IHealthCheck
{
    public const string ProblemsKey = "problems";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await schemaCheck.CheckAsync(cancellationToken);
            if (status.IsCurrent)
            {
                return HealthCheckResult.Healthy("Every migration this build knows is applied and unchanged, and the schema matches the model.");
            }

            return HealthCheckResult.Unhealthy(
                $"The database is not what this build expects ({status.Problems.Count} problem(s)): {string.Join("; ", status.Problems)}. " +
                "Run the migration worker; its status command lists the same.",
                data: new Dictionary<string, object> { [ProblemsKey] = status.Problems });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Could not check the database schema: {ex.GetBaseException().Message}", ex);
        }
    }
}
