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

    /// <summary>
    /// A type the model names that Npgsql did not load when it first connected: missing from the database then (an enum a
    /// pending migration creates), or created by a migration since. Npgsql refuses the value before PostgreSQL sees the
    /// statement, so there is no SQLSTATE; its message is the only sign. Reloading the data source's types
    /// (<c>NpgsqlDataSource.ReloadTypesAsync</c>) once the schema is current makes such a value writable.
    /// </summary>
    public static bool IsTypeNotLoaded(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NotSupportedException && current.Message.Contains("could not be found in the types that were loaded by Npgsql", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

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
