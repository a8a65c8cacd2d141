using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary><c>add-required-column-without-default</c>: <c>ADD COLUMN ... NOT NULL</c> fails on the first existing row.</summary>
internal sealed class AddRequiredColumnWithoutDefaultRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AddColumnOperation add
            && walk.IsExisting(add.Schema, add.Table)
            && !add.IsNullable
            && add.DefaultValue is null
            && string.IsNullOrWhiteSpace(add.DefaultValueSql)
            && string.IsNullOrWhiteSpace(add.ComputedColumnSql)
            && !NpgsqlColumnFacts.FillsFromSequence(add))
        {
            var table = SqlNames.Quote(add.Schema, add.Table);
            yield return walk.Finding(
                LintRuleIds.AddRequiredColumnWithoutDefault,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(add.Schema), add.Table, add.Name),
                $"Adding NOT NULL column {SqlNames.Quote(add.Schema, add.Table, add.Name)} without a default fails with \"contains null values\" as soon as {table} has a row, so the migration cannot apply to a live table.",
                "Give the column a constant default (PostgreSQL 11+ adds it without a rewrite), or add it nullable, backfill it in batches, and make it required in a later migration.");
        }
    }
}

/// <summary>
/// <c>add-column-volatile-default</c>: PostgreSQL 11+ stores a constant or STABLE default (<c>now()</c>) once in the
/// catalog, but a volatile one (<c>gen_random_uuid()</c>, an identity or serial column) must be computed per row,
/// which rewrites the table under ACCESS EXCLUSIVE.
/// </summary>
internal sealed partial class AddColumnVolatileDefaultRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is not AddColumnOperation add || !walk.IsExisting(add.Schema, add.Table))
        {
            yield break;
        }

        var fill = add.DefaultValueSql is { } sql && VolatileCall().Match(sql) is { Success: true } call
            ? $"with the volatile default {sql.Trim()} ({call.Groups["function"].Value} is VOLATILE)"
            : NpgsqlColumnFacts.FillsFromSequence(add) ? "as an identity or serial column (every existing row takes a number from the sequence)" : null;
        if (fill is null)
        {
            yield break;
        }

        yield return walk.Finding(
            LintRuleIds.AddColumnVolatileDefault,
            LintSeverity.Error,
            LintTarget.InTable(MigrationWalk.Normalize(add.Schema), add.Table, add.Name),
            $"Adding {SqlNames.Quote(add.Schema, add.Table, add.Name)} {fill} rewrites the whole table under an ACCESS EXCLUSIVE lock to store a value in each row.",
            "Add the column nullable with no default (or a constant one), set the volatile default in a separate step so only new rows use it, backfill existing rows in batches, then make it required.");
    }

    // Volatile built-ins a default is likely to call. now(), CURRENT_TIMESTAMP and statement_timestamp() are STABLE:
    // PostgreSQL evaluates them once for the ALTER and stores the result in the catalog, so they do not rewrite.
    [GeneratedRegex(@"(?<![\w$])(?:\w+\.)?(?<function>random|random_normal|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|uuidv4|uuidv7|nextval)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex VolatileCall();
}

/// <summary><c>add-stored-generated-column</c>: the expression is computed and written for every existing row.</summary>
internal sealed class AddStoredGeneratedColumnRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        // PostgreSQL before 18 has only stored generated columns, so Npgsql treats an unspecified IsStored as stored.
        if (operation is AddColumnOperation add
            && walk.IsExisting(add.Schema, add.Table)
            && !string.IsNullOrWhiteSpace(add.ComputedColumnSql)
            && add.IsStored != false)
        {
            yield return walk.Finding(
                LintRuleIds.AddStoredGeneratedColumn,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(add.Schema), add.Table, add.Name),
                $"Adding stored generated column {SqlNames.Quote(add.Schema, add.Table, add.Name)} computes it for every existing row, rewriting the whole table under an ACCESS EXCLUSIVE lock.",
                "Add a plain nullable column, backfill it in batches and keep it current from the code; acknowledge only for a table known to be small.");
        }
    }
}

/// <summary>Npgsql's column annotations, read by name because the provider keeps their constants internal.</summary>
internal static class NpgsqlColumnFacts
{
    private const string ValueGenerationStrategy = "Npgsql:ValueGenerationStrategy";

    /// <summary>Whether the column takes its values from a sequence: identity, serial, or a sequence default.</summary>
    public static bool FillsFromSequence(ColumnOperation column) =>
        column[ValueGenerationStrategy] is NpgsqlValueGenerationStrategy.SerialColumn
            or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
            or NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
            or NpgsqlValueGenerationStrategy.Sequence
        || column.ColumnType?.Trim().ToLowerInvariant() is "serial" or "bigserial" or "smallserial" or "serial2" or "serial4" or "serial8";
}
