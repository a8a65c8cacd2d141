using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Health;

/// <summary>Settings under <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How often readiness re-checks the database's schema; a request that meets a schema error re-checks at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Health:SchemaCheckInterval must be between {1} and {2}.")]
    public TimeSpan SchemaCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
