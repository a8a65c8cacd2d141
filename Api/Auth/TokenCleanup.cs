using System.Diagnostics;
using Marketplace.Api.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Api.Auth;

/// <summary>
/// Deletes tokens that can no longer be used: verification and reset tokens once used or expired, refresh tokens once
/// expired (a used refresh token is kept until then: presenting it again must still revoke its family), the links that put
/// a changed address back once used or expired, sessions past their maximum age. A periodic job
/// on one replica at a time (<see cref="Marketplace.Data.AdvisoryLockKeys.TokenCleanup"/>).
/// </summary>
public sealed partial class TokenCleanup(NpgsqlDataSource dataSource, IOptions<TokenCleanupOptions> options, ILogger<TokenCleanup> logger)
    : IPeriodicJob
{
    public const string JobName = "token-cleanup";

    private static readonly string[] Deletions =
    [
        """DELETE FROM "VerificationToken" WHERE "Id" IN (SELECT "Id" FROM "VerificationToken" WHERE "UsedAt" IS NOT NULL OR "ExpiresAt" < now() LIMIT @batch)""",
        """DELETE FROM "PasswordResetToken" WHERE "Id" IN (SELECT "Id" FROM "PasswordResetToken" WHERE "UsedAt" IS NOT NULL OR "ExpiresAt" < now() LIMIT @batch)""",
        """DELETE FROM "RefreshToken" WHERE "Id" IN (SELECT "Id" FROM "RefreshToken" WHERE "ExpiresAt" < now() LIMIT @batch)""",
        """DELETE FROM "EmailChangeRevertToken" WHERE "Id" IN (SELECT "Id" FROM "EmailChangeRevertToken" WHERE "UsedAt" IS NOT NULL OR "ExpiresAt" < now() LIMIT @batch)""",
        // Past its maximum age no token of a session works (each expires by then), so nothing needs its row.
        """DELETE FROM "Session" WHERE "Id" IN (SELECT "Id" FROM "Session" WHERE "ExpiresAt" < now() LIMIT @batch)""",
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        long deleted = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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

        Activity.Current?.SetTag("marketplace.tokens.deleted", deleted);
        LogCleaned(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token cleanup deleted {Rows} used or expired tokens.")]
    private static partial void LogCleaned(ILogger logger, long rows);
}
