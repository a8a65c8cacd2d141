namespace Marketplace.MigrationWorker;

/// <summary>Settings under <c>MigrationWorker</c>; validated when the worker starts.</summary>
public sealed class MigrationWorkerOptions
{
    public const string SectionName = "MigrationWorker";

    /// <summary>How long to wait for PostgreSQL to accept connections before giving up with exit code 3.</summary>
    public TimeSpan DatabaseWaitTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for another worker that holds the migration lock.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows updated per transaction by the CategoryId backfill.</summary>
    public int BackfillBatchSize { get; set; } = 1000;
}
