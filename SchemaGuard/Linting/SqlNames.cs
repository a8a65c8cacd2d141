namespace Marketplace.SchemaGuard.Linting;

/// <summary>Identifiers and literals as PostgreSQL's SQL writes them, so messages read like the statement that will run.</summary>
internal static class SqlNames
{
    public static string Quote(params string?[] parts) =>
        string.Join('.', parts.Where(p => p is not null).Select(p => $"\"{p!.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    public static string Quote(string? schema, string table) => Quote([MigrationWalk.Normalize(schema), table]);

    public static string Quote(string? schema, string table, string column) => Quote([MigrationWalk.Normalize(schema), table, column]);

    /// <summary>A string literal: <c>'it''s'</c>.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
