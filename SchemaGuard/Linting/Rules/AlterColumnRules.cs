using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting.Rules;

/// <summary>
/// <c>alter-column-type</c>: PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock for most type changes, a
/// narrower type loses or rejects data, and a type it cannot convert without a <c>USING</c> clause (which EF Core never
/// writes) makes the migration fail outright. Changes PostgreSQL applies to the catalog alone (a longer varchar) pass.
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

        var consequence = StoreType.Compare(oldType, newType) switch
        {
            TypeChange.Narrowing =>
                "narrows it: PostgreSQL checks or rewrites every row under an ACCESS EXCLUSIVE lock, and values that no longer fit make the migration fail or are rounded away",
            TypeChange.DifferentFamily => StoreType.ConvertsWithoutUsing(oldType, newType, walk.IsEnumType) switch
            {
                false => $"will fail: EF Core writes ALTER COLUMN ... TYPE without a USING clause, and PostgreSQL has no automatic conversion from {oldType.Name} to {newType.Name}, so it refuses the statement (\"cannot be cast automatically\") and the migration does not apply",
                true => "changes its kind of type: the table and its indexes are rewritten under an ACCESS EXCLUSIVE lock, the conversion may fail on or change values, and the previous Api version still reads the old type",
                null => "changes its kind of type: the table and its indexes are rewritten under an ACCESS EXCLUSIVE lock, PostgreSQL may refuse the conversion without a USING clause (EF Core writes none), and the previous Api version still reads the old type",
            },
            TypeChange.Rewrite =>
                "rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
            _ => null,
        };
        if (consequence is not null)
        {
            yield return Report(alter, walk, LintSeverity.Error, oldType.ToString(), newType.ToString(), consequence);
        }
    }

    private static LintFinding Report(
        AlterColumnOperation alter, MigrationWalk walk, LintSeverity severity, string from, string to, string consequence, string? suggestion = null) =>
        walk.Finding(
            LintRuleIds.AlterColumnType,
            severity,
            LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
            $"Changing {SqlNames.Quote(alter.Schema, alter.Table, alter.Name)} from {from} to {to} {consequence}.",
            suggestion ?? "Add a column of the new type, fill it in batches (with an explicit conversion where the types differ), switch the code to it, and drop the old column in a later release; to cap a length, add a CHECK constraint NOT VALID and validate it later; acknowledge a rewrite only for a table known to be small.");
}

/// <summary>
/// <c>set-not-null</c>: a full scan under ACCESS EXCLUSIVE, and, unless the operation gives a default for EF Core to
/// fill the nulls with (see <see cref="BackfillUpdateRule"/>), a failure on the first null left.
/// </summary>
internal sealed class SetNotNullRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AlterColumnOperation alter && AlterColumnFacts.SetsNotNull(alter, walk))
        {
            var column = SqlNames.Quote(alter.Schema, alter.Table, alter.Name);
            var nulls = AlterColumnFacts.BackfillsNulls(alter)
                ? "after EF Core's UPDATE has filled the nulls (backfill-update)"
                : "and fails if any row is still null";
            yield return walk.Finding(
                LintRuleIds.SetNotNull,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
                $"Making {column} NOT NULL scans every row under an ACCESS EXCLUSIVE lock that blocks reads and writes, {nulls}.",
                $"Backfill the nulls in batches, add CHECK (\"{alter.Name}\" IS NOT NULL) NOT VALID, VALIDATE it in a later migration (writes continue), then SET NOT NULL, which PostgreSQL 12+ proves from the check without a scan, and drop the check.");
        }
    }
}

/// <summary>
/// <c>backfill-update</c>: when a column becomes NOT NULL with a default, EF Core writes
/// <c>UPDATE t SET c = default WHERE c IS NULL</c> before the <c>SET NOT NULL</c>: one statement over the whole table,
/// in the migration's transaction, so every row it fills stays locked until the migration commits.
/// </summary>
internal sealed class BackfillUpdateRule : ILintRule
{
    public IEnumerable<LintFinding> Inspect(MigrationOperation operation, MigrationWalk walk)
    {
        if (operation is AlterColumnOperation alter && AlterColumnFacts.SetsNotNull(alter, walk) && AlterColumnFacts.BackfillsNulls(alter))
        {
            var table = SqlNames.Quote(alter.Schema, alter.Table);
            var column = $"\"{alter.Name}\"";
            var value = alter.DefaultValueSql is { Length: > 0 } sql ? sql.Trim() : Literal(alter.DefaultValue);
            yield return walk.Finding(
                LintRuleIds.BackfillUpdate,
                LintSeverity.Error,
                LintTarget.InTable(MigrationWalk.Normalize(alter.Schema), alter.Table, alter.Name),
                $"EF Core fills the nulls before SET NOT NULL with one unbatched UPDATE {table} SET {column} = {value} WHERE {column} IS NULL: it reads the whole table and updates every null row in the migration's transaction, so each of those rows stays locked against writers until the migration commits, and the ACCESS EXCLUSIVE lock of SET NOT NULL follows in the same transaction.",
                "Fill the nulls in batches a release earlier (a backfill step that commits every few thousand rows), so this UPDATE finds none; acknowledge it with that reason.");
        }
    }

    // Close enough to the generator's literal for a reader to recognise the statement; enums and other CLR types print by name.
    private static string Literal(object? value) => value switch
    {
        string text => SqlNames.Literal(text),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "NULL",
    };
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

    /// <summary>The operation makes an existing nullable column NOT NULL.</summary>
    public static bool SetsNotNull(AlterColumnOperation alter, MigrationWalk walk) =>
        OnExistingColumn(alter, walk) && !alter.IsNullable && WasNullable(alter, walk);

    /// <summary>Whether EF Core fills the nulls with the new default before SET NOT NULL, as its SQL generators do.</summary>
    public static bool BackfillsNulls(AlterColumnOperation alter) =>
        alter.DefaultValue is not null || !string.IsNullOrWhiteSpace(alter.DefaultValueSql);

    public static bool WasNullable(AlterColumnOperation alter, MigrationWalk walk) =>
        alter.OldColumn.ColumnType is null && walk.FindPreviousColumn(alter.Schema, alter.Table, alter.Name) is { } previous
            ? previous.IsNullable
            : alter.OldColumn.IsNullable;
}
