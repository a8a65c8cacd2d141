using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Marketplace.Api.Auth;
using Marketplace.Api.Jobs;
using Marketplace.Data;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Api's one helper for periodic background work: a job with a single-replica lock runs on one replica at a time
/// however many run it, every run is a span, and every advisory-lock key has one home.
/// </summary>
public sealed class PeriodicJobTests(PostgresServer server)
{
    /// <summary>A key for this test's job only: "testjob1" in ASCII, none of <see cref="AdvisoryLockKeys"/>.</summary>
    private const long TestJobLock = 0x746573746A6F6231;

    [Fact]
    public async Task A_job_with_a_single_replica_lock_never_runs_on_two_replicas_at_once_and_each_turn_is_a_span()
    {
        var name = $"test-one-at-a-time-{Guid.NewGuid():N}";
        using var spans = new SpanRecorder(name);
        var runs = new OverlapRecorder();
        Action<IServiceCollection> services = s =>
        {
            s.AddSingleton(runs);
            s.AddPeriodicJob<SlowJob>(name, _ => new PeriodicJobSchedule(TimeSpan.FromMilliseconds(50), TestJobLock));
        };
        await using var app = await ApiApp.CreateAsync(server, services: services, cancellationToken: Ct);
        await using var replica = app.CreateReplica();
        _ = app.Services;
        _ = replica.Services;

        // Both replicas try every 50 ms; a run takes 200 ms; wait for several runs and several skipped turns.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((spans.Outcomes("ran") < 6 || spans.Outcomes("skipped") < 3) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(runs.Count >= 6, $"Only {runs.Count} runs within a minute.");
        Assert.Equal(1, runs.MostAtOnce);
        Assert.True(spans.Outcomes("ran") >= 6, $"{spans.Outcomes("ran")} spans of runs.");
        Assert.True(spans.Outcomes("skipped") >= 3, $"{spans.Outcomes("skipped")} spans of skipped turns: the replicas never met the lock.");
        Assert.All(spans.Spans, span => Assert.Equal($"job {name}", span.DisplayName));
    }

    [Fact]
    public async Task Token_cleanup_and_the_orphan_image_sweep_run_as_periodic_jobs_on_one_replica_each_with_a_span_per_run()
    {
        using var spans = new SpanRecorder(TokenCleanup.JobName);
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["TokenCleanup:Interval"] = "00:00:01" }, cancellationToken: Ct);
        _ = app.Services;

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (spans.Outcomes("ran") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        var span = spans.Spans.First(s => s.GetTagItem(PeriodicJobRunner.OutcomeTag) as string == "ran");
        Assert.Equal("job token-cleanup", span.DisplayName);
        Assert.Equal(PeriodicJobRunner.ActivitySourceName, span.Source.Name);
        Assert.NotNull(span.GetTagItem("marketplace.tokens.deleted"));
        var registrations = app.Services.GetRequiredService<PeriodicJobRegistration<TokenCleanup>>();
        Assert.Equal(AdvisoryLockKeys.TokenCleanup, registrations.Schedule(app.Services).SingleReplicaLock);
        var sweep = app.Services.GetRequiredService<PeriodicJobRegistration<Marketplace.Api.Images.OrphanImageSweep>>();
        Assert.Equal(AdvisoryLockKeys.OrphanImageSweep, sweep.Schedule(app.Services).SingleReplicaLock);
        var sender = app.Services.GetRequiredService<PeriodicJobRegistration<Marketplace.Api.Mail.OutboxSender>>();
        Assert.Null(sender.Schedule(app.Services).SingleReplicaLock);
    }

    [Fact]
    public void Every_advisory_lock_key_has_its_one_home_and_no_two_are_the_same()
    {
        var keys = typeof(AdvisoryLockKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(long))
            .Select(f => (f.Name, Key: (long)f.GetRawConstantValue()!))
            .ToList();

        Assert.Equal(["Migration", "CategoryTree", "TokenCleanup", "OrphanImageSweep", "OutboxPurge", "SearchAlerts"], keys.Select(k => k.Name));
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
        Assert.Equal(AdvisoryLockKeys.Migration, Marketplace.MigrationWorker.Steps.MigrationLock.Key);
    }

    /// <summary>A job that takes 200 ms and records how many of its runs overlap, across every replica of the test.</summary>
    private sealed class SlowJob(OverlapRecorder runs) : IPeriodicJob
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using (runs.Enter())
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private sealed class OverlapRecorder
    {
        private int _running;
        private int _count;
        private int _mostAtOnce;

        public int Count => Volatile.Read(ref _count);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _running);
            Interlocked.Increment(ref _count);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
            {
            }

            return new Exit(this);
        }

        private sealed class Exit(OverlapRecorder recorder) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref recorder._running);
        }
    }

    /// <summary>The spans of one job's runs, as the dashboard gets them (an ActivityListener on the jobs' source).</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _spans = new();

        public SpanRecorder(string jobName)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == PeriodicJobRunner.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem(PeriodicJobRunner.JobNameTag) as string == jobName)
                    {
                        _spans.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Spans => [.. _spans];

        public int Outcomes(string outcome) => _spans.Count(s => s.GetTagItem(PeriodicJobRunner.OutcomeTag) as string == outcome);

        public void Dispose() => _listener.Dispose();
    }
}
