using System.Diagnostics;
using Marketplace.Data;
using Npgsql;

namespace Marketplace.Api.Jobs;

/// <summary>
/// Runs one turn of a registered periodic job: asks whether it has work, starts its span, takes its single-replica lock
/// when it has one, runs it and lets go. The lock is a session-level advisory lock on a connection of its own, outside
/// the pool, so that it never goes back into the pool held; the job does its own work on pooled connections.
/// </summary>
public sealed partial class PeriodicJobRunner(IServiceProvider services, IConfiguration configuration, ILogger<PeriodicJobRunner> logger)
{
    /// <summary>The jobs' spans: one per run, named "job {name}" (under ServiceDefaults' "Marketplace.*" sources).</summary>
    public const string ActivitySourceName = "Marketplace.Api.Jobs";

    public const string JobNameTag = "marketplace.job.name";

    /// <summary>"ran", or "skipped" when another replica held the job's lock.</summary>
    public const string OutcomeTag = "marketplace.job.outcome";

    /// <summary>
    /// The start of the <c>application_name</c> of a lock's connection, followed by the job's name: what an operator sees
    /// of it in <c>pg_stat_activity</c>. It is one connection beyond the pool (Database:MaxPoolSize) while the job runs.
    /// </summary>
    public const string LockConnectionNamePrefix = "marketplace-api job ";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>One turn of <typeparamref name="TJob"/>, as its schedule says; a failed run throws.</summary>
    public async Task<PeriodicJobOutcome> RunOnceAsync<TJob>(CancellationToken cancellationToken)
        where TJob : class, IPeriodicJob
    {
        var registration = services.GetRequiredService<PeriodicJobRegistration<TJob>>();
        var job = services.GetRequiredService<TJob>();
        if (!await job.HasWorkAsync(cancellationToken))
        {
            return PeriodicJobOutcome.NothingToDo;
        }

        using var activity = Source.StartActivity($"job {registration.Name}");
        activity?.SetTag(JobNameTag, registration.Name);
        try
        {
            var outcome = registration.Schedule(services).SingleReplicaLock is { } key
                ? await RunAloneAsync(job, key, registration.Name, cancellationToken)
                : await RunAsync(job, cancellationToken);
            activity?.SetTag(OutcomeTag, outcome == PeriodicJobOutcome.Ran ? "ran" : "skipped");
            return outcome;
        }
        catch (Exception ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private static async Task<PeriodicJobOutcome> RunAsync(IPeriodicJob job, CancellationToken cancellationToken)
    {
        await job.RunAsync(cancellationToken);
        return PeriodicJobOutcome.Ran;
    }

    private async Task<PeriodicJobOutcome> RunAloneAsync(IPeriodicJob job, long key, string name, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(MarketplaceDatabase.GetRequiredConnectionString(configuration))
        {
            Pooling = false,
            ApplicationName = LockConnectionNamePrefix + name,
        };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await LockAsync(connection, "pg_try_advisory_lock", key, cancellationToken))
        {
            LogSkipped(logger, name);
            return PeriodicJobOutcome.LockHeldElsewhere;
        }

        try
        {
            return await RunAsync(job, cancellationToken);
        }
        finally
        {
            // Closing the connection releases the lock as well; unlocking first says so to the server at once.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await LockAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
            }
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Periodic job {Job} skipped: another replica is running it.")]
    private static partial void LogSkipped(ILogger logger, string job);
}
