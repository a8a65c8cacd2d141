using System.ComponentModel.DataAnnotations;
using Marketplace.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Auth;

/// <summary>Settings under <c>TokenCleanup</c>.</summary>
public sealed class TokenCleanupOptions
{
    public const string SectionName = "TokenCleanup";

    /// <summary>How often a replica tries to clean; the first try is one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "TokenCleanup:Interval must be between {1} and {2}.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one DELETE removes, so no statement holds locks on a large share of a table for long.</summary>
    [Range(1, 100_000, ErrorMessage = "TokenCleanup:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Deletes tokens that can no longer be used: verification and reset tokens once used or expired, refresh tokens once
/// expired (a used refresh token is kept until then: presenting it again must still revoke its family). One replica at
/// a time: a run holds a PostgreSQL advisory lock on a connection of its own, and a replica that cannot take it skips.
/// </summary>
public sealed partial class TokenCleanup(IConfiguration configuration, IOptions<TokenCleanupOptions> options, ILogger<TokenCleanup> logger)
{
    /// <summary>The advisory lock's key: "mktclean" in ASCII, not used for anything else.</summary>
    public const long LockKey = 0x6D6B74636C65616E;

    private static readonly string[] Deletions =
    [
        """DELETE FROM "VerificationToken" WHERE "Id" IN (SELECT "Id" FROM "VerificationToken" WHERE "UsedAt" IS NOT NULL OR "ExpiresAt" < now() LIMIT @batch)""",
        """DELETE FROM "PasswordResetToken" WHERE "Id" IN (SELECT "Id" FROM "PasswordResetToken" WHERE "UsedAt" IS NOT NULL OR "ExpiresAt" < now() LIMIT @batch)""",
        """DELETE FROM "RefreshToken" WHERE "Id" IN (SELECT "Id" FROM "RefreshToken" WHERE "ExpiresAt" < now() LIMIT @batch)""",
    ];

    /// <summary>One run: the number of rows deleted, or null when another replica holds the lock.</summary>
    public async Task<long?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(MarketplaceDatabase.GetRequiredConnectionString(configuration))
        {
            // Its own connection, closed after: a session-level lock never goes back into the pool.
            Pooling = false,
            ApplicationName = "marketplace-api token cleanup",
        };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", cancellationToken))
        {
            LogSkipped(logger);
            return null;
        }

        try
        {
            var batch = options.Value.BatchSize;
            long deleted = 0;
            foreach (var sql in Deletions)
            {
                int affected;
                do
                {
                    await using var delete = new NpgsqlCommand(sql, connection);
                    delete.Parameters.AddWithValue("batch", batch);
                    affected = await delete.ExecuteNonQueryAsync(cancellationToken);
                    deleted += affected;
                }
                while (affected == batch);
            }

            LogCleaned(logger, deleted);
            return deleted;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ScalarAsync<bool>(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token cleanup deleted {Rows} used or expired tokens.")]
    private static partial void LogCleaned(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Token cleanup skipped: another replica is running it.")]
    private static partial void LogSkipped(ILogger logger);
}

/// <summary>Runs <see cref="TokenCleanup"/> every TokenCleanup:Interval; a failed run is logged and tried again next time.</summary>
public sealed partial class TokenCleanupService(TokenCleanup cleanup, IOptions<TokenCleanupOptions> options, TimeProvider timeProvider, ILogger<TokenCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cleanup.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token cleanup failed; it runs again after the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
