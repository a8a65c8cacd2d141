namespace Marketplace.Api.Jobs;

/// <summary>When a periodic job runs, and where.</summary>
/// <param name="Interval">The time between runs; the first run comes one interval after start.</param>
/// <param name="SingleReplicaLock">
/// An advisory-lock key from <see cref="Marketplace.Data.AdvisoryLockKeys"/>: at most one replica runs the job at a
/// time, and a replica that finds the key taken skips its run. Null: every replica runs it.
/// </param>
public sealed record PeriodicJobSchedule(TimeSpan Interval, long? SingleReplicaLock = null);
