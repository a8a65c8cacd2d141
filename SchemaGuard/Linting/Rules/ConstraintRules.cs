using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary><c>add-unique-constraint</c>: the index is built under ACCESS EXCLUSIVE, and duplicates fail it.</summary>
internal sealed class AddUniqueConstraintRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AddUniqueConstraintOperation unique && walk.IsExisting(unique.Schema, unique.Table))
        {
            yield return walk.Finding(
                LintRuleIds.AddUniqueConstraint,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(unique.Schema), unique.Table, unique.Name),
                $"Adding unique constraint \"{unique.Name}\" builds its index under an ACCESS EXCLUSIVE lock on {SqlNames.Quote(unique.Schema, unique.Table)}, blocking reads and writes for the whole build, and fails if existing rows hold duplicates.",
                "Build a unique index concurrently in a migration of its own, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX (a catalog-only step); or model a unique index (HasIndex(...).IsUnique().IsCreatedConcurrently()) instead of an alternate key.");
        }
    }
}

/// <summary><c>add-primary-key</c>: the same for a primary key, which also sets its columns NOT NULL.</summary>
internal sealed class AddPrimaryKeyRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AddPrimaryKeyOperation key && walk.IsExisting(key.Schema, key.Table))
        {
            yield return walk.Finding(
                LintRuleIds.AddPrimaryKey,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(key.Schema), key.Table, key.Name),
                $"Adding primary key \"{key.Name}\" builds its index and checks its columns for nulls under an ACCESS EXCLUSIVE lock on {SqlNames.Quote(key.Schema, key.Table)}, blocking reads and writes, and fails on duplicates or nulls.",
                "Build a unique index concurrently in a migration of its own, then attach it with ADD CONSTRAINT ... PRIMARY KEY USING INDEX once the columns are NOT NULL.");
        }
    }
}

/// <summary>
/// <c>add-foreign-key</c>: ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables (blocking their writes) while it
/// checks every existing row of the referencing table.
/// </summary>
internal sealed class AddForeignKeyRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is not AddForeignKeyOperation foreignKey || !walk.IsExisting(foreignKey.Schema, foreignKey.Table))
        {
            yield break;
        }

        var table = SqlNames.Quote(foreignKey.Schema, foreignKey.Table);
        var principal = SqlNames.Quote(foreignKey.PrincipalSchema ?? foreignKey.Schema, foreignKey.PrincipalTable);
        var locked = walk.IsExisting(foreignKey.PrincipalSchema ?? foreignKey.Schema, foreignKey.PrincipalTable)
            ? $"{table} and {principal}, blocking writes to both,"
            : $"{table}, blocking its writes,";

        // Columns added in this migration, nullable and without a default, are all NULL: the check has nothing to look
        // up in the principal table, but it still reads every row of this one.
        var allNull = foreignKey.Columns.All(c =>
            walk.AddedHere(foreignKey.Schema, foreignKey.Table, c) is { IsNullable: true, DefaultValue: null, DefaultValueSql: null });
        var check = allNull
            ? $"while it scans every row (its column{(foreignKey.Columns.Length > 1 ? "s were" : " was")} added in this migration, so every value is NULL and no referenced row is read, but the scan still runs)"
            : $"while it checks every existing row against {principal}";

        yield return walk.Finding(
            LintRuleIds.AddForeignKey,
            LintSeverity.Error,
            LintTarget.InTable(MigrationWalk.Normalize(foreignKey.Schema), foreignKey.Table, foreignKey.Name),
            $"Adding foreign key \"{foreignKey.Name}\" holds a SHARE ROW EXCLUSIVE lock on {locked} {check}.",
            "Add the constraint NOT VALID (migrationBuilder.Sql), then VALIDATE CONSTRAINT in a later migration, which checks the rows while writes continue.");
    }
}

/// <summary><c>add-check-constraint</c>: every row is checked under ACCESS EXCLUSIVE, and one violation fails it.</summary>
internal sealed class AddCheckConstraintRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AddCheckConstraintOperation check && walk.IsExisting(check.Schema, check.Table))
        {
            yield return walk.Finding(
                LintRuleIds.AddCheckConstraint,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(check.Schema), check.Table, check.Name),
                $"Adding check constraint \"{check.Name}\" scans every row of {SqlNames.Quote(check.Schema, check.Table)} under an ACCESS EXCLUSIVE lock, blocking reads and writes, and fails if any existing row violates it.",
                "Add the constraint NOT VALID (migrationBuilder.Sql), then VALIDATE CONSTRAINT in a later migration, which checks the rows while writes continue.");
        }
    }
}
