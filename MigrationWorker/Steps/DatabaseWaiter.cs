using Marketplace.Data;
using Marketplace.SchemaGuard;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// Waits until PostgreSQL accepts connections. Under orchestration a database that comes up seconds after the
/// worker is normal; one that never comes ends the run with exit code 3 once the configured window has passed.
/// A server that answers but lacks the database gets it created, as EF Core's migrator would.
/// </summary>
public sealed partial class DatabaseWaiter(
    NpgsqlDataSource dataSource,
    IServiceProvider services,
    IOptions<MigrationWorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<DatabaseWaiter> logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var step = WorkerTelemetry.Step("wait-for-database");
        var window = options.Value.DatabaseWaitTimeout;
        var started = timeProvider.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(250);
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryConnectAsync(window, cancellationToken);
            if (failure is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
            {
                await CreateDatabaseAsync(builder.Database, cancellationToken);
                failure = null;
            }

            if (failure is null)
            {
                step.Activity?.SetTag("marketplace.attempts", attempt);
                LogReachable(logger, builder.Host, builder.Database, Plural.Of(attempt, "attempt"), step.Elapsed.TotalMilliseconds);
                return;
            }

            var elapsed = timeProvider.GetElapsedTime(started);
            if (failure is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } auth)
            {
                // Waiting cannot fix a wrong password; say so now rather than after the window.
                throw new WorkerFailedException(ExitCodes.UsageOrConfiguration,
                    $"PostgreSQL at {builder.Host}:{builder.Port} refused the credentials for user '{builder.Username}': {auth.MessageText}. " +
                    "Check the user name and password in ConnectionStrings:marketplacedb.", auth);
            }

            if (elapsed >= window)
            {
                step.Fail(failure);
                throw new WorkerFailedException(ExitCodes.DatabaseUnreachable,
                    $"PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}') did not accept a connection within " +
                    $"{window.TotalSeconds:0.#} s ({Plural.Of(attempt, "attempt")}); the last error was: {Sentence(failure.Message)} " +
                    $"Check that the server is running and reachable, or lengthen {MigrationWorkerOptions.SectionName}:DatabaseWaitTimeout.",
                    failure);
            }

            var wait = delay < window - elapsed ? delay : window - elapsed;
            LogWaiting(logger, builder.Host, builder.Port, attempt, wait.TotalSeconds, failure.Message);
            await Task.Delay(wait, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private static string Sentence(string message) => message.TrimEnd().EndsWith('.') ? message.TrimEnd() : message.TrimEnd() + ".";

    private async Task<Exception?> TryConnectAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(TimeSpan.FromTicks(Math.Min(window.Ticks, TimeSpan.FromSeconds(10).Ticks)));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(attemptTimeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    private async Task CreateDatabaseAsync(string? database, CancellationToken cancellationToken)
    {
        try
        {
            // Resolved only here: creating a DbContext costs more than the rest of a no-op run.
            var db = services.GetRequiredService<MarketplaceDbContext>();
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
            LogCreated(logger, database);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another worker created it first.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreated(ILogger logger, string? database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} on {Host} is reachable after {Attempts} in {ElapsedMs:0} ms")]
    private static partial void LogReachable(ILogger logger, string? host, string? database, string attempts, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for PostgreSQL at {Host}:{Port} (attempt {Attempt}); retrying in {DelaySeconds:0.##} s: {Reason}")]
    private static partial void LogWaiting(ILogger logger, string? host, int port, int attempt, double delaySeconds, string reason);
}
