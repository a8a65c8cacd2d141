using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>The Api's side of the database connection (section <c>Database</c>).</summary>
public sealed class ApiDatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// The most connections this Api process opens, overriding the connection string's <c>Maximum Pool Size</c> (which
    /// Aspire's generated connection strings leave at Npgsql's 100). PostgreSQL does the most work with a few active
    /// connections per core of its own: beyond that, requests wait in PostgreSQL instead of in the pool, and its CPU per
    /// query grows. Unset keeps the connection string's value.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Database:MaxPoolSize must be between {1} and {2}.")]
    public int? MaxPoolSize { get; set; }
}
