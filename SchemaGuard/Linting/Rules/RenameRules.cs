using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary><c>rename-table</c>: instant for PostgreSQL, fatal for the Api version still running under the old name.</summary>
internal sealed class RenameTableRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is RenameTableOperation rename && walk.IsExisting(rename.Schema, rename.Name))
        {
            var to = SqlNames.Quote(rename.NewSchema ?? rename.Schema, rename.NewName ?? rename.Name);
            yield return walk.Finding(
                LintRuleIds.RenameTable,
                LintSeverity.Error,
                LintTarget.OfTable(MigrationWalk.Normalize(rename.Schema), rename.Name),
                $"Renaming {SqlNames.Quote(rename.Schema, rename.Name)} to {to} breaks the previous Api version, still serving during a rolling deploy, on every query that names the old table.",
                $"Keep the stored name (ToTable(\"{rename.Name}\")), or move over several releases: add the new table, copy and keep it in step, switch reads and writes to it, then drop the old one.");
        }
    }
}

/// <summary><c>rename-column</c>: the same for a column.</summary>
internal sealed class RenameColumnRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is RenameColumnOperation rename
            && walk.IsExisting(rename.Schema, rename.Table)
            && walk.AddedHere(rename.Schema, rename.Table, rename.Name) is null)
        {
            yield return walk.Finding(
                LintRuleIds.RenameColumn,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(rename.Schema), rename.Table, rename.Name),
                $"Renaming {SqlNames.Quote(rename.Schema, rename.Table, rename.Name)} to \"{rename.NewName}\" breaks the previous Api version, still serving during a rolling deploy, on every query that names the old column.",
                $"Keep the stored name (HasColumnName(\"{rename.Name}\")), or move over several releases: add the new column, backfill it and write both, switch reads to it, then drop the old one.");
        }
    }
}
