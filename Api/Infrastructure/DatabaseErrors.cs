using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Api.Infrastructure;

/// <summary>Recognises the constraint violations a handler answers as the client's mistake rather than a 500.</summary>
public static class DatabaseErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static bool IsForeignKeyViolation(DbUpdateException exception, string constraintName) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } violation
        && violation.ConstraintName == constraintName;
}
