using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Data.Schema;

/// <summary>Settings under <c>DatabaseSchemaMonitor</c>.</summary>
public sealed class DatabaseSchemaMonitorOptions
{
    public const string SectionName = "DatabaseSchemaMonitor";

    /// <summary>How often the running app re-checks the database against its code after the check at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The latest answer to "can this build's code run on this database?"; <see cref="Problems"/> names each reason it cannot.</summary>
public sealed record DatabaseSchemaStatus(bool IsCurrent, IReadOnlyList<string> Problems, DateTimeOffset CheckedAt)
{
    public static DatabaseSchemaStatus NotCheckedYet { get; } = new(false, ["the database schema has not been checked yet"], DateTimeOffset.MinValue);
}

/// <summary>
/// Checks the database against the running code at start-up and then every <see cref="DatabaseSchemaMonitorOptions.Interval"/>,
/// never per request, so a readiness probe only reads <see cref="Current"/>. Each check first reads the database's
/// fingerprint (scalar queries, no EF Core model); the full <see cref="DatabaseSchemaVerifier"/> runs only when the
/// fingerprint is one this process has not judged and that the worker has not stamped for this build. A change of
/// verdict is logged once, not on every check.
/// </summary>
public sealed partial class DatabaseSchemaMonitor(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IOptions<DatabaseSchemaMonitorOptions> options,
    IOptions<SchemaDriftOptions> driftOptions,
    TimeProvider timeProvider,
    ILogger<DatabaseSchemaMonitor> logger) : BackgroundService
{
    private readonly string _buildKey = SchemaVerificationStamp.BuildKey(driftOptions.Value);
    private (string Fingerprint, DatabaseSchemaStatus Status)? _judged;
    private volatile DatabaseSchemaStatus _current = DatabaseSchemaStatus.NotCheckedYet;

    public DatabaseSchemaStatus Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            await Task.Delay(options.Value.Interval, timeProvider, stoppingToken);
        }
    }

    /// <summary>One check; the loop calls it, and tests can too.</summary>
    public async Task<DatabaseSchemaStatus> CheckAsync(CancellationToken cancellationToken)
    {
        DatabaseSchemaStatus status;
        try
        {
            status = await JudgeAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Readiness reports what went wrong; the app keeps running and checks again at the next interval.
            status = new DatabaseSchemaStatus(false, [$"the database could not be checked: {ex.GetBaseException().Message}"], timeProvider.GetUtcNow());
        }

        var previous = _current;
        _current = status;
        if (previous.IsCurrent != status.IsCurrent || !previous.Problems.SequenceEqual(status.Problems, StringComparer.Ordinal))
        {
            if (status.IsCurrent)
            {
                LogCurrent(logger);
            }
            else
            {
                LogNotCurrent(logger, status.Problems.Count, string.Join("; ", status.Problems));
            }
        }

        return status;
    }

    private async Task<DatabaseSchemaStatus> JudgeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var state = await SchemaVerificationStamp.ReadAsync(dataSource, _buildKey, cancellationToken);
        if (_judged is { } judged && judged.Fingerprint == state.Fingerprint)
        {
            return judged.Status with { CheckedAt = now };
        }

        DatabaseSchemaStatus status;
        if (state.VerifiedAt is not null)
        {
            status = new DatabaseSchemaStatus(true, [], now);
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            var verification = await scope.ServiceProvider.GetRequiredService<DatabaseSchemaVerifier>().VerifyAsync(cancellationToken);
            status = new DatabaseSchemaStatus(verification.IsCurrent, verification.Problems, now);
        }

        _judged = (state.Fingerprint, status);
        return status;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is not what this build's code expects ({Count} problem(s)); readiness reports unhealthy until it is: {Problems}")]
    private static partial void LogNotCurrent(ILogger logger, int count, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is what this build's code expects: no pending migration, no changed migration, no drift")]
    private static partial void LogCurrent(ILogger logger);
}
