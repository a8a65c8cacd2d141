using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Recognises the database errors that are not the Api's bug: constraint violations a handler answers as the client's
/// mistake, and the failures that mean the database cannot serve right now (a 503 with Retry-After, not a 500).
/// </summary>
public static class DatabaseErrors
{
    /// <summary>
    /// Whether the database could not serve the request: unreachable, shutting down, starting up, restarted under an open
    /// connection, out of connections, or lost mid-query, once the Api's few retries are spent. A PostgreSQL error that is
    /// about the query itself (a constraint, a type, a missing table) is not this.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RetryLimitExceededException:
                    return true;
                case PostgresException postgres:
                    return postgres.IsTransient || IsConnectionLoss(postgres.SqlState);
                case NpgsqlOperationInProgressException:
                    return false; // a connection used twice at once: our bug, not the database's state
                case NpgsqlException or TimeoutException:
                    return true; // Npgsql could not reach the server or lost it (socket, end of stream, timeout, pool exhausted)
            }
        }

        return false;
    }

    /// <summary>The SQLSTATEs of a connection the server ended or refused, which a retry on a new connection may get past.</summary>
    public static readonly string[] ConnectionLossCodes =
    [
        PostgresErrorCodes.AdminShutdown, // 57P01: terminated by a fast shutdown or pg_terminate_backend
        PostgresErrorCodes.CrashShutdown, // 57P02
        PostgresErrorCodes.CannotConnectNow, // 57P03: the server is starting up or shutting down
    ];

    private static bool IsConnectionLoss(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || ConnectionLossCodes.Contains(sqlState);

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static bool IsForeignKeyViolation(DbUpdateException exception, string constraintName) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } violation
        && violation.ConstraintName == constraintName;
}
