using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Verification;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Health;

/// <summary>
/// The Api's readiness: whether the database has the schema this build expects (no migration pending, none changed since
/// applied, no drift), checked at start-up, every <c>Health:SchemaCheckInterval</c>, and at once when a request meets
/// a schema error (<see cref="ReportSchemaError"/>). It is itself the health check that reports the latest verdict, so a
/// probe costs no query. Each check is one round trip (the schema guard's stamp reading); the full verification runs
/// only for a database state this process has not judged and the worker has not stamped for this build.
/// </summary>
public sealed partial class SchemaReadinessMonitor(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    GuardedContext guarded,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider,
    ILogger<SchemaReadinessMonitor> logger) : BackgroundService, IHealthCheck
{
    /// <summary>How long a probe waits for a check that is running (the first one, or one a schema error asked for).</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly HashSet<string> _reportedErrors = [];
    private Task<ReadinessVerdict>? _queued;
    private Task<ReadinessVerdict>? _latestCheck;
    private ReadinessVerdict? _latest;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var latest = Volatile.Read(ref _latest);
        if (Volatile.Read(ref _latestCheck) is { IsCompleted: false } running)
        {
            try
            {
                latest = await running.WaitAsync(ProbeWait, timeProvider, cancellationToken);
            }
            catch (TimeoutException) when (latest is not null)
            {
                // Answer with what is known; the running check will update it.
            }
            catch (TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database schema has not been checked yet.");
            }
        }

        return latest?.ToHealthCheckResult() ?? HealthCheckResult.Unhealthy("The database schema has not been checked yet.");
    }

    /// <summary>
    /// Checks again as soon as the check running now (if any) has finished; callers at the same moment share one check.
    /// </summary>
    public Task<ReadinessVerdict> RecheckAsync()
    {
        lock (_gate)
        {
            // Started on the pool, so that it is queued before its body can clear the slot.
            return _queued ??= _latestCheck = Task.Run(CheckAsync);
        }
    }

    /// <summary>
    /// A request failed in a way that says the database may lack what this build expects (an undefined object, a
    /// datatype mismatch, a value that cannot be read as its property's type): check again at once, and log the error
    /// once per condition with what readiness blames for it.
    /// </summary>
    public Task<ReadinessVerdict> ReportSchemaError(Exception error)
    {
        var recheck = RecheckAsync();
        var postgres = SchemaMismatch.Find(error);
        var condition = postgres is null ? error.GetBaseException().Message : $"{postgres.SqlState}: {postgres.MessageText}";
        bool first;
        lock (_gate)
        {
            first = _reportedErrors.Add(condition);
        }

        if (first)
        {
            _ = recheck.ContinueWith(
                done => LogSchemaError(logger, condition, Blame(done.IsCompletedSuccessfully ? done.Result : null)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return recheck;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RecheckAsync();
            await Task.Delay(options.Value.SchemaCheckInterval, timeProvider, stoppingToken);
        }
    }

    private async Task<ReadinessVerdict> CheckAsync()
    {
        await _oneAtATime.WaitAsync();
        lock (_gate)
        {
            // From here on this check reads the database: a schema error reported now needs a check of its own.
            _queued = null;
        }

        try
        {
            var verdict = await JudgeAsync(Volatile.Read(ref _latest));
            var previous = Volatile.Read(ref _latest);
            if (previous is null || previous.IsReady != verdict.IsReady || previous.Description != verdict.Description)
            {
                if (verdict.IsReady)
                {
                    LogReady(logger, verdict.Description);
                }
                else
                {
                    LogNotReady(logger, verdict.Description);
                }
            }

            Volatile.Write(ref _latest, verdict);
            return verdict;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ReadinessVerdict> JudgeAsync(ReadinessVerdict? previous)
    {
        try
        {
            // The row rights in the same round trip: they are not in the fingerprint, so they are asked every time.
            var reading = await guarded.ReadStampAsync(dataSource, RowRights.AllHeldSql, CancellationToken.None);
            if (reading.CallerCheck is false && await LackingRowRightsAsync() is { } lacking)
            {
                return lacking;
            }

            if (previous is { Fingerprint: { } judged } && judged == reading.Fingerprint)
            {
                return previous;
            }

            if (reading.IsVerified)
            {
                return await ReadyAsync(reading.Fingerprint);
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var verification = await scope.ServiceProvider.GetRequiredService<SchemaVerifier>().VerifyAsync(db, CancellationToken.None);
            return verification.IsCurrent
                ? await ReadyAsync(verification.Fingerprint)
                : new ReadinessVerdict(
                    false,
                    $"The database is not what this build expects ({verification.Problems.Count} problem{(verification.Problems.Count == 1 ? "" : "s")}): " +
                    $"{string.Join("; ", verification.Problems)}. Run the migration worker; its status command lists the same.",
                    verification.Problems,
                    verification.Fingerprint);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            LogCheckFailed(logger, ex);
            return new ReadinessVerdict(false,
                $"The Api's database role may not read what the schema guard reads (the migration history). Make it a member of {RowRole.Name}, " +
                "as the migration worker does for the role its ApiDatabaseRole settings name.",
                ["the Api's database role may not read the migration history"], null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException { InnerException: NpgsqlException })
        {
            LogCheckFailed(logger, ex);
            // No database text here: the description reaches /health's body in Development.
            return new ReadinessVerdict(false, "The database could not be reached to check its schema.", ["the database is unreachable"], null);
        }
    }

    /// <summary>
    /// A schema judged ready for the first time may hold types Npgsql has not loaded (an enum a migration created after
    /// this process first connected): the data source reads them again, so that writing one is not an error.
    /// </summary>
    private async Task<ReadinessVerdict> ReadyAsync(string? fingerprint)
    {
        await dataSource.ReloadTypesAsync(CancellationToken.None);
        return Ready(fingerprint);
    }

    /// <summary>
    /// Not ready while a table's rows are out of the Api's reach (null if they were granted meanwhile); no fingerprint, so
    /// the check after the grant judges the schema in full.
    /// </summary>
    private async Task<ReadinessVerdict?> LackingRowRightsAsync()
    {
        await using var command = dataSource.CreateCommand(RowRights.LackingSql);
        var tables = (string[])(await command.ExecuteScalarAsync(CancellationToken.None))!;
        return tables.Length == 0 ? null : new ReadinessVerdict(false,
            $"The Api's database role may not read and write the rows of {string.Join(", ", tables)}. Grant {RowRole.Name} SELECT, INSERT, " +
            "UPDATE and DELETE on them: the migrations' default privileges do so only for tables created by the user that ran the migration AddRowRole.",
            [.. tables.Select(table => $"the Api's database role may not read and write the rows of {table}")],
            null);
    }

    private static ReadinessVerdict Ready(string? fingerprint) => new(
        true, "Every migration this build knows is applied and unchanged, and the schema matches the model.", [], fingerprint);

    private static string Blame(ReadinessVerdict? verdict) => verdict switch
    {
        null => "nothing yet (the re-check did not finish)",
        { IsReady: true } => "nothing: the schema verifies as current, so this build's own SQL is wrong",
        _ => string.Join("; ", verdict.Problems),
    };

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current: {Description}")]
    private static partial void LogReady(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database schema is not ready, so readiness reports unhealthy: {Description}")]
    private static partial void LogNotReady(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the database schema")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed on the database's schema ({Error}); readiness re-checked at once and blames: {Blame}")]
    private static partial void LogSchemaError(ILogger logger, string error, string blame);
}
