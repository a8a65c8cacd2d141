using Npgsql;

namespace Marketplace.SchemaGuard;

/// <summary>
/// The PostgreSQL errors that mean "the database lacks what this code expects", as opposed to a bug in the SQL or a
/// missing privilege (the rest of class 42), which must stay loud.
/// </summary>
public static class SchemaMismatch
{
    /// <summary>An undefined table, column, object (such as an enum type) or function: the schema is behind or has drifted.</summary>
    public static bool IsMissingObject(PostgresException exception) => exception.SqlState is
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn
        or PostgresErrorCodes.UndefinedObject or PostgresErrorCodes.UndefinedFunction;

    /// <summary>A value of one type where the schema has another: a retyped column, or a bug; only a verification can tell which.</summary>
    public static bool IsDatatypeMismatch(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DatatypeMismatch;

    /// <summary>The <see cref="PostgresException"/> anywhere in an exception's chain (EF Core wraps it), if any.</summary>
    public static PostgresException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
