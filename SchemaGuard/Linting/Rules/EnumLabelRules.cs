using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>
/// <c>drop-enum-label</c> and <c>reorder-enum-labels</c>: PostgreSQL can only add labels to an enum type. <c>add-enum-label</c>:
/// the previous Api version cannot read a row holding a label it does not know, so a label rows will use takes two
/// releases. Npgsql keeps each enum as a database annotation (<c>Npgsql:Enum:name</c> = <c>a,b,c</c>) and diffs it on
/// <see cref="AlterDatabaseOperation"/>.
/// </summary>
internal sealed class EnumLabelRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is not AlterDatabaseOperation database)
        {
            yield break;
        }

        var oldEnums = database.GetOldPostgresEnums();
        foreach (var newEnum in database.GetPostgresEnums())
        {
            if (oldEnums.FirstOrDefault(o => o.Name == newEnum.Name && MigrationWalk.Normalize(o.Schema) == MigrationWalk.Normalize(newEnum.Schema)) is not { } oldEnum)
            {
                continue;
            }

            var type = SqlNames.Quote(newEnum.Schema, newEnum.Name);
            var target = LintTarget.Standalone(MigrationWalk.Normalize(newEnum.Schema), newEnum.Name);
            var dropped = oldEnum.Labels.Except(newEnum.Labels, StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
            {
                yield return walk.Finding(
                    LintRuleIds.DropEnumLabel,
                    LintSeverity.Error,
                    target,
                    $"Removing {string.Join(", ", dropped.Select(l => $"'{l}'"))} from enum type {type} will fail: PostgreSQL cannot drop an enum label, so Npgsql refuses to write the migration's SQL and the migration does not apply; rows and the previous Api version may still use the label besides.",
                    "Keep the label and stop writing it; to retire it, create a new enum type, convert the columns with a USING cast, switch the code, and drop the old type, over several releases.");
            }

            foreach (var added in newEnum.Labels.Except(oldEnum.Labels, StringComparer.Ordinal))
            {
                yield return AddedLabel(walk, newEnum.Schema, newEnum.Name, type, added);
            }

            var kept = newEnum.Labels.Where(oldEnum.Labels.Contains).ToList();
            if (!kept.SequenceEqual(oldEnum.Labels.Where(kept.Contains)))
            {
                yield return walk.Finding(
                    LintRuleIds.ReorderEnumLabels,
                    LintSeverity.Error,
                    target,
                    $"Reordering the labels of enum type {type} emits no SQL, because PostgreSQL cannot reorder an enum in place, so the database keeps its old order while the model claims the new one and ORDER BY or comparisons on its columns disagree with the code.",
                    "Restore the existing order in the model and add new labels where you like (Npgsql adds them BEFORE/AFTER a neighbour); a real reorder needs a new type and a column conversion.");
            }
        }
    }

    private static LintFinding AddedLabel(MigrationWalk walk, string? schema, string name, string type, string label)
    {
        var finding = walk.Finding(
            LintRuleIds.AddEnumLabel,
            LintSeverity.Error,
            LintTarget.Standalone(MigrationWalk.Normalize(schema), $"{name}.{label}"),
            $"Adding '{label}' to enum type {type}: the previous Api version, still serving during a rolling deploy, does not know the label, and Npgsql fails to read a row that holds it (a 500 on every request that reads the row), so no row may hold it until every running version knows it.",
            $"Add a label that rows will use over two releases: the first ships this migration and the enum member but writes no row with the label, marked [EnumLabelNotWrittenYet(\"{name}\", \"{label}\", Reason = \"<the release that starts writing it>\")]; the next release starts writing it. When the previous version reads no table with a column of the type, say so instead with [NotReadByPreviousVersion(\"<table>\", Reason = \"<why>\")] on each such table.");
        if (walk.LabelsNotWrittenYet.FirstOrDefault(mark => MigrationMarkRule.Names(mark, schema, name, label)) is { } notWritten
            && !string.IsNullOrWhiteSpace(notWritten.Reason))
        {
            return finding with { AcknowledgedReason = notWritten.Reason.Trim() };
        }

        // Rows may hold the label at once when the previous version reads no table that has a column of the type.
        var tables = TablesWithColumnsOf(walk.PreviousModel, schema, name);
        var marks = walk.TablesNotRead.Where(mark => !string.IsNullOrWhiteSpace(mark.Reason)).ToList();
        return tables.Count > 0 && tables.All(table => marks.Any(mark => string.Equals(mark.Table.Trim(), table, StringComparison.OrdinalIgnoreCase)))
            ? finding with { AcknowledgedReason = string.Join(" ", marks.Where(mark => tables.Contains(mark.Table.Trim())).Select(mark => mark.Reason.Trim()).Distinct()) }
            : finding;
    }

    /// <summary>The tables, as lint shows targets, that map a column of the enum type in the model.</summary>
    private static HashSet<string> TablesWithColumnsOf(IModel? model, string? schema, string name)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var type = LintTarget.Standalone(MigrationWalk.Normalize(schema), name).ToString();
        foreach (var entityType in model?.GetEntityTypes() ?? [])
        {
            if (entityType.GetTableName() is not { } table)
            {
                continue;
            }

            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            if (entityType.GetProperties().Any(property => property.GetColumnName(storeObject) is not null
                    && string.Equals(property.GetColumnType(storeObject).Replace("\"", "", StringComparison.Ordinal), type, StringComparison.OrdinalIgnoreCase)))
            {
                tables.Add(LintTarget.OfTable(MigrationWalk.Normalize(entityType.GetSchema()), table).ToString());
            }
        }

        return tables;
    }
}

/// <summary><c>raw-sql</c>: the linter cannot read SQL, so it names the step for a human to read.</summary>
internal sealed class RawSqlRule : ILintRule
{
    private const int ExcerptLength = 80;

    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is SqlOperation sql)
        {
            yield return walk.Finding(
                LintRuleIds.RawSql,
                LintSeverity.Warning,
                LintTarget.Standalone(null, $"sql#{walk.SqlStep}"),
                $"Raw SQL step {walk.SqlStep} ({Excerpt(sql.Sql)}){(sql.SuppressTransaction ? ", run outside the migration's transaction," : "")} cannot be checked by the linter, so its locks, rewrites and data loss are unknown until a human reads it.",
                "Read it against a production-sized table (batch large updates, keep DDL short, set lock_timeout) and acknowledge it with the reason it is safe.");
        }
    }

    private static string Excerpt(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= ExcerptLength ? $"\"{oneLine}\"" : $"\"{oneLine[..ExcerptLength]}…\"";
    }
}
