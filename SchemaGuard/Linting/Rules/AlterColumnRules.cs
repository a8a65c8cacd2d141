using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>
/// <c>alter-column-type</c>: PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock for most type changes, and a
/// narrower type loses or rejects data. Changes PostgreSQL applies to the catalog alone (a longer varchar) pass.
/// </summary>
internal sealed class AlterColumnTypeRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is not AlterColumnOperation alter || !AlterColumnFacts.OnExistingColumn(alter, walk))
        {
            yield break;
        }

        var oldType = AlterColumnFacts.OldStoreType(alter, walk);
        var newType = StoreType.Of(alter);
        if (oldType is null || newType is null)
        {
            // A hand-written operation without oldType, on a column the previous model does not know either: say so
            // rather than guess, because a narrowing is exactly what such an operation may hide.
            yield return Report(alter, walk, LintSeverity.Warning, oldType?.ToString() ?? "a type the operation does not state", newType?.ToString() ?? alter.ClrType.Name,
                "cannot be judged: if it narrows, values that no longer fit fail the migration, and any real type change rewrites the table under an ACCESS EXCLUSIVE lock",
                "State oldType (and oldMaxLength, oldNullable) in the operation, as dotnet ef generates it, so the change can be judged.");
            yield break;
        }

        var change = StoreType.Compare(oldType, newType);
        var (severity, consequence) = change switch
        {
            TypeChange.Narrowing => (LintSeverity.Error,
                "narrows it: PostgreSQL checks or rewrites every row under an ACCESS EXCLUSIVE lock, and values that no longer fit make the migration fail or are rounded away"),
            TypeChange.DifferentFamily => (LintSeverity.Error,
                "changes its kind of type: the table and its indexes are rewritten under an ACCESS EXCLUSIVE lock, the cast may fail or change values, and the previous Api version still reads the old type"),
            TypeChange.Rewrite => (LintSeverity.Warning,
                "rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
            _ => (default(LintSeverity?), ""),
        };
        if (severity is { } reported)
        {
            yield return Report(alter, walk, reported, oldType.ToString(), newType.ToString(), consequence);
        }
    }

    private static LintFinding Report(
        AlterColumnOperation alter, MigrationWalk walk, LintSeverity severity, string from, string to, string consequence, string? suggestion = null) =>
        walk.Finding(
            LintRuleIds.AlterColumnType,
            severity,
            LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
            $"Changing {SqlNames.Quote(alter.Schema, alter.Table, alter.Name)} from {from} to {to} {consequence}.",
            suggestion ?? (severity == LintSeverity.Error
                ? "Add a column of the new type, backfill it in batches, switch the code to it, and drop the old column in a later release (to cap a length, add a CHECK constraint NOT VALID and validate it later)."
                : "Add a column of the new type, backfill it in batches, switch the code to it, and drop the old column in a later release; acknowledge only for a table known to be small."));
}

/// <summary><c>set-not-null</c>: a full scan under ACCESS EXCLUSIVE, and a failure on the first null left.</summary>
internal sealed class SetNotNullRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AlterColumnOperation alter
            && AlterColumnFacts.OnExistingColumn(alter, walk)
            && !alter.IsNullable
            && AlterColumnFacts.WasNullable(alter, walk))
        {
            var column = SqlNames.Quote(alter.Schema, alter.Table, alter.Name);
            yield return walk.Finding(
                LintRuleIds.SetNotNull,
                LintSeverity.Warning,
                LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
                $"Making {column} NOT NULL scans every row under an ACCESS EXCLUSIVE lock that blocks reads and writes, and fails if any row is still null.",
                $"Backfill the nulls, add CHECK (\"{alter.Name}\" IS NOT NULL) NOT VALID, VALIDATE it in a later migration (writes continue), then SET NOT NULL, which PostgreSQL 12+ proves from the check without a scan, and drop the check.");
        }
    }
}

/// <summary>What an <see cref="AlterColumnOperation"/> says about the column before it, with the previous model as a fallback.</summary>
internal static class AlterColumnFacts
{
    /// <summary>An existing column of an existing table: neither was created earlier in this migration.</summary>
    public static bool OnExistingColumn(AlterColumnOperation alter, MigrationWalk walk) =>
        walk.IsExisting(alter.Schema, alter.Table) && walk.AddedHere(alter.Schema, alter.Table, alter.Name) is null;

    /// <summary>The column's type before the operation, or null when neither the operation nor the previous model states it.</summary>
    public static StoreType? OldStoreType(AlterColumnOperation alter, MigrationWalk walk)
    {
        if (alter.OldColumn.ColumnType is not null)
        {
            return StoreType.Of(alter.OldColumn);
        }

        // Generated migrations always carry oldType; hand-written ones often do not, and then the CLR type alone (string
        // without a length) would pass a narrowing as a widening. Only the previous model can tell.
        return walk.FindPreviousColumn(alter.Schema, alter.Table, alter.Name)?.GetColumnType() is { } previousType
            ? StoreType.Parse(previousType)
            : null;
    }

    public static bool WasNullable(AlterColumnOperation alter, MigrationWalk walk) =>
        alter.OldColumn.ColumnType is null && walk.FindPreviousColumn(alter.Schema, alter.Table, alter.Name) is { } previous
            ? previous.IsNullable
            : alter.OldColumn.IsNullable;
}
