namespace Marketplace.Api.Jobs;

/// <summary>What one turn of a periodic job came to (a failed run throws instead).</summary>
public enum PeriodicJobOutcome
{
    /// <summary>The job ran.</summary>
    Ran,

    /// <summary>Another replica holds the job's lock: this replica skipped its turn.</summary>
    LockHeldElsewhere,

    /// <summary>The job said it had nothing to do; no span was made.</summary>
    NothingToDo,
}
