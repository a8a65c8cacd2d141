using System.ComponentModel.DataAnnotations;

namespace Marketplace.MigrationWorker;

/// <summary>Settings under <c>MigrationWorker</c>; validated when the worker starts.</summary>
public sealed class MigrationWorkerOptions
{
    public const string SectionName = "MigrationWorker";

    /// <summary>How long to wait for PostgreSQL to accept connections before giving up with exit code 3.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "MigrationWorker:DatabaseWaitTimeout must be a positive time span up to a day, e.g. 00:01:00.")]
    public TimeSpan DatabaseWaitTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for another worker that holds the migration lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "MigrationWorker:LockTimeout must be a positive time span up to a day, e.g. 00:10:00.")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows updated per transaction by the backfills.</summary>
    [Range(1, 100_000, ErrorMessage = "MigrationWorker:BackfillBatchSize must be between 1 and 100000.")]
    public int BackfillBatchSize { get; set; } = 1000;
}
