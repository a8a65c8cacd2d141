using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Marketplace.MigrationWorker;

/// <summary>The worker's spans and metrics, so each step shows in the Aspire dashboard.</summary>
public static class WorkerTelemetry
{
    public const string Name = "Marketplace.MigrationWorker";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> MigrationsApplied =
        Meter.CreateCounter<long>("marketplace.migrations.applied", unit: "{migration}", description: "Migrations applied by the worker.");

    public static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("marketplace.migration_worker.step.duration", unit: "s", description: "Duration of each worker step.");

    /// <summary>Starts a step span and records its duration when disposed.</summary>
    public static StepScope Step(string name) => new(name, ActivitySource.StartActivity(name));

    public sealed class StepScope(string name, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public Activity? Activity { get; } = activity;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

        public void Fail(Exception exception)
        {
            Activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            Activity?.AddException(exception);
        }

        public void Dispose()
        {
            StepDuration.Record(Elapsed.TotalSeconds, new KeyValuePair<string, object?>("step", name));
            Activity?.Dispose();
        }
    }
}
