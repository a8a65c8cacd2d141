using System.Globalization;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>A session that held a lock a migration waited for, as pg_stat_activity described it.</summary>
public sealed record LockBlocker(int Pid, string Application, string State, TimeSpan For, string Query)
{
    public string Description =>
        $"session {Pid.ToString(CultureInfo.InvariantCulture)} (application '{(Application.Length == 0 ? "none" : Application)}', " +
        $"{State} for {For.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, query: {Query})";
}
