using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Health;

/// <summary>The schema monitor's latest answer to "can this build serve on this database?".</summary>
/// <param name="Problems">Every reason it cannot, one sentence each (pending migrations first); empty when ready.</param>
/// <param name="Fingerprint">The database's fingerprint the verdict was reached on; null when it could not be read.</param>
public sealed record ReadinessVerdict(bool IsReady, string Description, IReadOnlyList<string> Problems, string? Fingerprint)
{
    public const string ProblemsKey = "problems";

    public HealthCheckResult ToHealthCheckResult() => IsReady
        ? HealthCheckResult.Healthy(Description)
        : HealthCheckResult.Unhealthy(Description, data: new Dictionary<string, object> { [ProblemsKey] = Problems });
}
