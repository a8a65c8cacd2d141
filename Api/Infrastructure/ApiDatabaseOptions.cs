using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>The Api's side of the database connection (section <c>Database</c>).</summary>
public sealed class ApiDatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// The most pooled connections this Api process opens, overriding the connection string's <c>Maximum Pool Size</c>
    /// (which Aspire's generated connection strings leave at Npgsql's 100). PostgreSQL does the most work with a few
    /// active connections per core of its own: beyond that, requests wait in PostgreSQL instead of in the pool, and its
    /// CPU per query grows. Unset keeps the connection string's value. A periodic job that runs on one replica at a time
    /// holds one more connection, outside the pool, for its lock while it runs (<see cref="Jobs.PeriodicJobRunner"/>).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Database:MaxPoolSize must be between {1} and {2}.")]
    public int? MaxPoolSize { get; set; }

    /// <summary>
    /// How many times a query that met a transient failure (a pooled connection broken by a PostgreSQL restart, the
    /// server shutting down or starting up) is tried again, each time on a fresh connection. Few, because while the
    /// database is away every retry only delays the 503 with Retry-After that tells the client to come back.
    /// </summary>
    [Range(0, 10, ErrorMessage = "Database:MaxRetryCount must be between {1} and {2}.")]
    public int MaxRetryCount { get; set; } = 2;

    /// <summary>The longest wait between two tries (the first retry is immediate, then they back off up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30", ErrorMessage = "Database:MaxRetryDelay must be between {1} and {2}.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
