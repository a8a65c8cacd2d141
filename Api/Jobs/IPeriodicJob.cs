namespace Marketplace.Api.Jobs;

/// <summary>
/// Work the Api does on a schedule, registered with <see cref="PeriodicJobServices.AddPeriodicJob{TJob}"/>: each run is
/// a span (the job may tag <see cref="System.Diagnostics.Activity.Current"/>), a failed run is logged and the next one
/// comes after the interval, and a job can ask to run on at most one replica at a time.
/// </summary>
public interface IPeriodicJob
{
    /// <summary>One run; throwing fails this run only.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether a run now has anything to do: asked before every run, which is skipped (no span, no lock) when it has
    /// not. For jobs that look often and rarely find work, such as the outbox sender. By default a run always runs.
    /// </summary>
    ValueTask<bool> HasWorkAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
