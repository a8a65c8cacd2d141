using System.ComponentModel.DataAnnotations;

namespace Marketplace.MigrationWorker;

/// <summary>Settings under <c>MigrationWorker</c>; validated when the worker starts.</summary>
public sealed class MigrationWorkerOptions
{
    public const string SectionName = "MigrationWorker";

    /// <summary>How long to wait for PostgreSQL to accept connections before giving up with exit code 3.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "MigrationWorker:DatabaseWaitTimeout must be a positive time span up to a day, e.g. 00:01:00.")]
    public TimeSpan DatabaseWaitTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for another worker that holds the migration lock (the advisory lock, not a table's).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "MigrationWorker:LockTimeout must be a positive time span up to a day, e.g. 00:10:00.")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one statement of a migration waits for a table lock (PostgreSQL's lock_timeout) before it gives up, so a
    /// migration queued behind a long query never stalls every query queued behind it. Not a statement timeout: a
    /// concurrent index build may take as long as it needs once it has its locks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "MigrationWorker:DdlLockTimeout must be a positive time span up to an hour, e.g. 00:00:05.")]
    public TimeSpan DdlLockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a migration that timed out waiting for a lock is tried, with a growing pause between tries.</summary>
    [Range(1, 100, ErrorMessage = "MigrationWorker:DdlLockAttempts must be between 1 and 100.")]
    public int DdlLockAttempts { get; set; } = 5;

    /// <summary>Rows updated per transaction by the backfills.</summary>
    [Range(1, 100_000, ErrorMessage = "MigrationWorker:BackfillBatchSize must be between 1 and 100000.")]
    public int BackfillBatchSize { get; set; } = 1000;
}
