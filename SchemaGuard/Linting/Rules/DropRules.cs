using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary><c>drop-table</c>: rows are gone for good, and the Api version still running mid-deploy fails on the table.</summary>
internal sealed class DropTableRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is DropTableOperation drop && walk.IsExisting(drop.Schema, drop.Name))
        {
            yield return walk.Finding(
                LintRuleIds.DropTable,
                LintSeverity.Error,
                LintTarget.OfTable(MigrationWalk.Normalize(drop.Schema), drop.Name),
                $"Dropping {SqlNames.Quote(drop.Schema, drop.Name)} deletes all its rows irrecoverably, and the previous Api version, still serving during a rolling deploy, fails on every query that touches it.",
                "Release code that no longer uses the table first, back it up, and drop it in a later migration acknowledged with that reason.");
        }
    }
}

/// <summary><c>drop-column</c>: the data is gone for good, and the running Api still selects the column.</summary>
internal sealed class DropColumnRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is DropColumnOperation drop
            && walk.IsExisting(drop.Schema, drop.Table)
            && walk.AddedHere(drop.Schema, drop.Table, drop.Name) is null)
        {
            yield return walk.Finding(
                LintRuleIds.DropColumn,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(drop.Schema), drop.Table, drop.Name),
                $"Dropping {SqlNames.Quote(drop.Schema, drop.Table, drop.Name)} deletes its data irrecoverably, and the previous Api version, still serving during a rolling deploy, fails on every query that selects the column.",
                "Stop reading and writing the column in one release, then drop it in a later migration acknowledged with that reason.");
        }
    }
}
