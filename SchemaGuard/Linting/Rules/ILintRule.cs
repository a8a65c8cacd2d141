using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>One check of migration operations. Rules see every Up operation in order, with the walk's state before it.</summary>
internal interface ILintRule
{
    IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk);
}

/// <summary>Identifiers as PostgreSQL's SQL shows them, so messages read like the statement that will run.</summary>
internal static class SqlNames
{
    public static string Quote(params string?[] parts) =>
        string.Join('.', parts.Where(p => p is not null).Select(p => $"\"{p}\""));

    public static string Quote(string? schema, string table) => Quote([MigrationWalk.Normalize(schema), table]);

    public static string Quote(string? schema, string table, string column) => Quote([MigrationWalk.Normalize(schema), table, column]);
}
