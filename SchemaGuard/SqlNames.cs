using Marketplace.SchemaGuard.Linting;

namespace Marketplace.SchemaGuard;

/// <summary>
/// Identifiers and literals as PostgreSQL's SQL writes them: for the SQL the guard and the worker compose, and so that
/// messages read like the statement that will run. A schema that is the default one is left out.
/// </summary>
public static class SqlNames
{
    public static string Quote(params string?[] parts) =>
        string.Join('.', parts.Where(p => p is not null).Select(p => $"\"{p!.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    public static string Quote(string? schema, string table) => Quote([MigrationWalk.Normalize(schema), table]);

    public static string Quote(string? schema, string table, string column) => Quote([MigrationWalk.Normalize(schema), table, column]);

    /// <summary>A string literal: <c>'it''s'</c>.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
