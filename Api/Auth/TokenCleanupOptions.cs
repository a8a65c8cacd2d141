using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Auth;

/// <summary>Settings under <c>TokenCleanup</c>.</summary>
public sealed class TokenCleanupOptions
{
    public const string SectionName = "TokenCleanup";

    /// <summary>How often a replica tries to clean; the first try is one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "TokenCleanup:Interval must be between {1} and {2}.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one DELETE removes, so no statement holds locks on a large share of a table for long.</summary>
    [Range(1, 100_000, ErrorMessage = "TokenCleanup:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 1000;
}
