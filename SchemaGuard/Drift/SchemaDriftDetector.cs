using System.Diagnostics;
using Marketplace.SchemaGuard.Drift.Shapes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// Compares the live database with the schema a model expects, and names every difference in a sentence: tables;
/// columns (type, maximum length, nullability, default, identity, generated); primary keys and unique constraints;
/// indexes (columns, order, uniqueness, filter, method, included columns, validity); foreign keys with their delete and
/// update rules; check constraints by name; triggers (present and enabled); PostgreSQL enum types and their labels in
/// order; extensions. Differences that <c>SchemaDrift:Allow</c> acknowledges are reported apart.
/// </summary>
public sealed class SchemaDriftDetector(IOptions<SchemaDriftOptions> options)
{
    /// <summary>Compares the database with the model of <paramref name="context"/>'s code (its design-time model).</summary>
    public Task<SchemaDriftReport> DetectAsync(DbContext context, CancellationToken cancellationToken) =>
        DetectAsync(context, context.GetService<IDesignTimeModel>().Model, cancellationToken);

    /// <summary>Compares the database with <paramref name="expected"/>: a design-time model, or a migration's initialised target model.</summary>
    public async Task<SchemaDriftReport> DetectAsync(DbContext context, IModel expected, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await context.Database.OpenConnectionAsync(cancellationToken);
        CatalogRead live;
        try
        {
            live = await CatalogSchemaReader.ReadAsync(
                (NpgsqlConnection)context.Database.GetDbConnection(),
                context.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
                cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        var modelShape = ModelSchemaReader.Read(expected, live.Schema.DefaultSchema);
        var schemas = ModelSchemaReader.Schemas(expected).Select(schema => schema ?? live.Schema.DefaultSchema).ToHashSet(StringComparer.Ordinal);
        var differences = Compare(modelShape, live.Schema, schemas);

        var allowances = options.Value.Allow;
        var acknowledged = new List<AcknowledgedDifference>();
        var unacknowledged = new List<SchemaDifference>();
        foreach (var difference in differences)
        {
            var allowance = allowances.FirstOrDefault(a => string.Equals(a.Object.Trim(), difference.Object, StringComparison.Ordinal));
            if (allowance is null)
            {
                unacknowledged.Add(difference);
            }
            else
            {
                acknowledged.Add(new AcknowledgedDifference(difference, allowance.Reason));
            }
        }

        var unused = allowances.Where(a => !differences.Any(d => string.Equals(a.Object.Trim(), d.Object, StringComparison.Ordinal))).ToList();
        var modelTablesInDatabase = modelShape.Tables.Keys.Count(live.Schema.Tables.ContainsKey);
        return new SchemaDriftReport(unacknowledged, acknowledged, unused, modelTablesInDatabase, live.Fingerprint, Stopwatch.GetElapsedTime(started));
    }

    /// <param name="schemas">The schemas the model uses; tables and types elsewhere in the database are not its business.</param>
    internal static List<SchemaDifference> Compare(SchemaShape expected, SchemaShape live, IReadOnlySet<string> schemas)
    {
        bool InModelSchemas(string key) => schemas.Contains(key[..key.IndexOf('.', StringComparison.Ordinal)]);

        var differences = new List<SchemaDifference>();

        foreach (var name in expected.Extensions.Where(e => !live.Extensions.Contains(e)).Order(StringComparer.Ordinal))
        {
            differences.Add(new(SchemaObjectKind.Name(SchemaObjectKind.Extension, name), $"extension {name} is in the model but not installed in the database"));
        }

        CompareEnums(expected, live, differences, InModelSchemas);

        foreach (var (key, table) in expected.Tables.OrderBy(t => t.Value.DisplayName, StringComparer.Ordinal))
        {
            if (live.Tables.TryGetValue(key, out var liveTable))
            {
                CompareTable(table, liveTable, differences);
            }
            else
            {
                differences.Add(Missing(SchemaObjectKind.Table, table.DisplayName));
            }
        }

        foreach (var (_, table) in live.Tables.Where(t => !expected.Tables.ContainsKey(t.Key) && InModelSchemas(t.Key)).OrderBy(t => t.Value.DisplayName, StringComparer.Ordinal))
        {
            differences.Add(Extra(SchemaObjectKind.Table, table.DisplayName));
        }

        return differences;
    }

    private static void CompareEnums(SchemaShape expected, SchemaShape live, List<SchemaDifference> differences, Func<string, bool> inModelSchemas)
    {
        foreach (var (key, type) in expected.Enums.OrderBy(e => e.Value.DisplayName, StringComparer.Ordinal))
        {
            var subject = SchemaObjectKind.Name(SchemaObjectKind.Enum, type.DisplayName);
            if (!live.Enums.TryGetValue(key, out var liveType))
            {
                differences.Add(Missing(SchemaObjectKind.Enum, type.DisplayName));
                continue;
            }

            foreach (var label in type.Labels.Except(liveType.Labels, StringComparer.Ordinal))
            {
                differences.Add(new(subject, $"enum label {type.DisplayName}.'{label}' is in the model but not in the database"));
            }

            foreach (var label in liveType.Labels.Except(type.Labels, StringComparer.Ordinal))
            {
                differences.Add(new(subject, $"enum label {type.DisplayName}.'{label}' is in the database but not in the model"));
            }

            var modelOrder = type.Labels.Intersect(liveType.Labels, StringComparer.Ordinal).ToList();
            var liveOrder = liveType.Labels.Intersect(type.Labels, StringComparer.Ordinal).ToList();
            if (!modelOrder.SequenceEqual(liveOrder, StringComparer.Ordinal))
            {
                differences.Add(new(subject,
                    $"enum {type.DisplayName} orders its labels ({string.Join(", ", modelOrder)}) in the model but ({string.Join(", ", liveOrder)}) in the database"));
            }
        }

        foreach (var (_, type) in live.Enums.Where(e => !expected.Enums.ContainsKey(e.Key) && inModelSchemas(e.Key)).OrderBy(e => e.Value.DisplayName, StringComparer.Ordinal))
        {
            differences.Add(Extra(SchemaObjectKind.Enum, type.DisplayName));
        }
    }

    private static void CompareTable(TableShape expected, TableShape live, List<SchemaDifference> differences)
    {
        var liveColumns = live.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in expected.Columns)
        {
            if (liveColumns.TryGetValue(column.Name, out var liveColumn))
            {
                CompareColumn($"{expected.DisplayName}.{column.Name}", column, liveColumn, differences);
            }
            else
            {
                differences.Add(Missing(SchemaObjectKind.Column, $"{expected.DisplayName}.{column.Name}"));
            }
        }

        var modelColumns = expected.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var column in live.Columns.Where(c => !modelColumns.Contains(c.Name)))
        {
            differences.Add(Extra(SchemaObjectKind.Column, $"{expected.DisplayName}.{column.Name}"));
        }

        CompareKeys(SchemaObjectKind.PrimaryKey, expected.PrimaryKey is null ? [] : [expected.PrimaryKey], live.PrimaryKey is null ? [] : [live.PrimaryKey], differences);
        CompareKeys(SchemaObjectKind.UniqueConstraint, expected.UniqueConstraints, live.UniqueConstraints, differences);
        CompareIndexes(expected, live, differences);
        CompareForeignKeys(expected, live, differences);

        foreach (var check in expected.CheckConstraints.Except(live.CheckConstraints, StringComparer.Ordinal))
        {
            differences.Add(Missing(SchemaObjectKind.CheckConstraint, check));
        }

        foreach (var check in live.CheckConstraints.Except(expected.CheckConstraints, StringComparer.Ordinal))
        {
            differences.Add(Extra(SchemaObjectKind.CheckConstraint, check));
        }

        CompareTriggers(expected, live, differences);
    }

    // Migrations create triggers with SQL, so the model knows a trigger only by name (HasTrigger): whether it is there
    // and enabled is what can be checked. A missing one fails quietly (the full-text search's words stop being kept).
    private static void CompareTriggers(TableShape expected, TableShape live, List<SchemaDifference> differences)
    {
        var liveTriggers = live.Triggers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var trigger in expected.Triggers)
        {
            var name = $"{expected.DisplayName}.{trigger.Name}";
            if (!liveTriggers.TryGetValue(trigger.Name, out var liveTrigger))
            {
                differences.Add(Missing(SchemaObjectKind.Trigger, name));
            }
            else if (!liveTrigger.IsEnabled)
            {
                differences.Add(new(SchemaObjectKind.Name(SchemaObjectKind.Trigger, name), $"trigger {name} is disabled in the database"));
            }
        }

        var modelTriggers = expected.Triggers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var trigger in live.Triggers.Where(t => !modelTriggers.Contains(t.Name)))
        {
            differences.Add(Extra(SchemaObjectKind.Trigger, $"{expected.DisplayName}.{trigger.Name}"));
        }
    }

    private static void CompareColumn(string name, ColumnShape expected, ColumnShape live, List<SchemaDifference> differences)
    {
        var subject = SchemaObjectKind.Name(SchemaObjectKind.Column, name);
        if (expected.StoreType != live.StoreType)
        {
            var (expectedLength, liveLength) = (SqlText.LengthOf(expected.StoreType), SqlText.LengthOf(live.StoreType));
            differences.Add(new(subject, expectedLength is { } e && liveLength is { } l && e.BaseType == l.BaseType
                ? $"{subject} has maximum length {e.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} in the model " +
                  $"but {l.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} in the database"
                : $"{subject} has type {expected.StoreType} in the model but {live.StoreType} in the database"));
        }

        if (expected.IsNullable != live.IsNullable)
        {
            differences.Add(new(subject, expected.IsNullable
                ? $"{subject} is nullable in the model but NOT NULL in the database"
                : $"{subject} is NOT NULL in the model but nullable in the database"));
        }

        if (expected.IsGenerated != live.IsGenerated)
        {
            differences.Add(new(subject, expected.IsGenerated
                ? $"{subject} is a generated column in the model but not in the database"
                : $"{subject} is a generated column in the database but not in the model"));
        }
        else if (!expected.IsGenerated && !SameDefault(expected, live))
        {
            differences.Add(new(subject,
                $"{subject} has default {expected.Default ?? "none"} in the model but {live.Default ?? "none"} in the database"));
        }

        if (expected.Identity != live.Identity)
        {
            differences.Add(new(subject, $"{subject} is {Identity(expected.Identity)} in the model but {Identity(live.Identity)} in the database"));
        }
    }

    private static bool SameDefault(ColumnShape expected, ColumnShape live)
    {
        if (expected.Default is null && live.Default is null)
        {
            return true;
        }

        if (expected.IsSerial && expected.Default is null && live.Default?.StartsWith("nextval(", StringComparison.Ordinal) == true)
        {
            return true;
        }

        if (expected.Default is null)
        {
            // EF Core gives a NOT NULL column that a migration adds to an existing table its CLR default, so existing rows
            // get a value; the model never mentions it. A zero-value default the model does not have is that, not drift.
            return !live.IsNullable && SqlText.NormalizeExpression(live.Default!) is "false" or "0" or "0.0" or "''" or "'{}'";
        }

        return live.Default is not null
               && SqlText.NormalizeExpression(expected.Default) == SqlText.NormalizeExpression(live.Default);
    }

    private static string Identity(char identity) => identity switch
    {
        'a' => "GENERATED ALWAYS AS IDENTITY",
        'd' => "GENERATED BY DEFAULT AS IDENTITY",
        _ => "not an identity column",
    };

    private static void CompareKeys(string kind, IReadOnlyList<KeyShape> expected, IReadOnlyList<KeyShape> live, List<SchemaDifference> differences)
    {
        foreach (var key in expected)
        {
            var liveKey = live.FirstOrDefault(k => k.Name == key.Name);
            if (liveKey is null)
            {
                differences.Add(Missing(kind, key.Name));
            }
            else if (!key.Columns.SequenceEqual(liveKey.Columns, StringComparer.Ordinal))
            {
                differences.Add(new(SchemaObjectKind.Name(kind, key.Name),
                    $"{kind} {key.Name} has columns ({string.Join(", ", key.Columns)}) in the model but ({string.Join(", ", liveKey.Columns)}) in the database"));
            }
        }

        foreach (var key in live.Where(k => expected.All(e => e.Name != k.Name)))
        {
            differences.Add(Extra(kind, key.Name));
        }
    }

    private static void CompareIndexes(TableShape expected, TableShape live, List<SchemaDifference> differences)
    {
        foreach (var index in expected.Indexes)
        {
            var liveIndex = live.Indexes.FirstOrDefault(i => i.Name == index.Name);
            if (liveIndex is null)
            {
                differences.Add(Missing(SchemaObjectKind.Index, index.Name));
                continue;
            }

            var subject = SchemaObjectKind.Name(SchemaObjectKind.Index, index.Name);
            if (!liveIndex.IsValid)
            {
                differences.Add(new(subject, $"{subject} is invalid in the database (a concurrent build failed part-way); drop it and run the migration's CREATE INDEX again"));
            }

            // A text-search expression index (IsTsVectorExpressionIndex) has its columns inside to_tsvector(...):
            // what matters is that the database's index is an expression index too.
            if (index.IsExpression && !liveIndex.IsExpression)
            {
                differences.Add(new(subject,
                    $"{subject} is a text-search expression index over ({string.Join(", ", index.Columns)}) in the model but a plain index on ({string.Join(", ", liveIndex.Columns)}) in the database"));
            }
            else if (!index.IsExpression && !index.Columns.SequenceEqual(liveIndex.Columns, StringComparer.Ordinal))
            {
                differences.Add(new(subject,
                    $"{subject} has columns ({string.Join(", ", index.Columns)}) in the model but ({string.Join(", ", liveIndex.Columns)}) in the database"));
            }
            else if (!index.IsExpression && !index.Descending.SequenceEqual(liveIndex.Descending))
            {
                differences.Add(new(subject,
                    $"{subject} sorts ({Order(index)}) in the model but ({Order(liveIndex)}) in the database"));
            }

            if (index.IsUnique != liveIndex.IsUnique)
            {
                differences.Add(new(subject, index.IsUnique
                    ? $"{subject} is unique in the model but not in the database"
                    : $"{subject} is unique in the database but not in the model"));
            }

            if (!string.Equals(index.Method, liveIndex.Method, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add(new(subject, $"{subject} uses method {index.Method} in the model but {liveIndex.Method} in the database"));
            }

            if ((index.Filter is null) != (liveIndex.Filter is null)
                || (index.Filter is not null && SqlText.NormalizeExpression(index.Filter) != SqlText.NormalizeExpression(liveIndex.Filter!)))
            {
                differences.Add(new(subject,
                    $"{subject} has filter {index.Filter ?? "none"} in the model but {liveIndex.Filter ?? "none"} in the database"));
            }

            if (!index.Include.SequenceEqual(liveIndex.Include, StringComparer.Ordinal))
            {
                differences.Add(new(subject,
                    $"{subject} includes ({string.Join(", ", index.Include)}) in the model but ({string.Join(", ", liveIndex.Include)}) in the database"));
            }

            if (index.NullsDistinct != liveIndex.NullsDistinct)
            {
                differences.Add(new(subject, index.NullsDistinct
                    ? $"{subject} treats nulls as distinct in the model but NULLS NOT DISTINCT in the database"
                    : $"{subject} is NULLS NOT DISTINCT in the model but treats nulls as distinct in the database"));
            }

            // Operator classes are compared only where the model names them; otherwise the type's default applies.
            if (index.Operators is { Count: > 0 } operators && !operators.SequenceEqual(liveIndex.Operators ?? [], StringComparer.Ordinal))
            {
                differences.Add(new(subject,
                    $"{subject} uses operator classes ({string.Join(", ", operators)}) in the model but ({string.Join(", ", liveIndex.Operators ?? [])}) in the database"));
            }
        }

        foreach (var index in live.Indexes.Where(i => expected.Indexes.All(e => e.Name != i.Name)))
        {
            differences.Add(Extra(SchemaObjectKind.Index, index.Name));
        }
    }

    private static string Order(IndexShape index) =>
        string.Join(", ", index.Columns.Zip(index.Descending, (column, descending) => column + (descending ? " DESC" : " ASC")));

    private static void CompareForeignKeys(TableShape expected, TableShape live, List<SchemaDifference> differences)
    {
        foreach (var foreignKey in expected.ForeignKeys)
        {
            var liveKey = live.ForeignKeys.FirstOrDefault(k => k.Name == foreignKey.Name);
            if (liveKey is null)
            {
                differences.Add(Missing(SchemaObjectKind.ForeignKey, foreignKey.Name));
                continue;
            }

            var subject = SchemaObjectKind.Name(SchemaObjectKind.ForeignKey, foreignKey.Name);
            if (!foreignKey.Columns.SequenceEqual(liveKey.Columns, StringComparer.Ordinal)
                || foreignKey.PrincipalTable != liveKey.PrincipalTable
                || !foreignKey.PrincipalColumns.SequenceEqual(liveKey.PrincipalColumns, StringComparer.Ordinal))
            {
                differences.Add(new(subject, $"{subject} references {Reference(foreignKey)} in the model but {Reference(liveKey)} in the database"));
            }

            if (foreignKey.OnDelete != liveKey.OnDelete)
            {
                differences.Add(new(subject, $"{subject} has ON DELETE {Rule(foreignKey.OnDelete)} in the model but ON DELETE {Rule(liveKey.OnDelete)} in the database"));
            }

            if (foreignKey.OnUpdate != liveKey.OnUpdate)
            {
                differences.Add(new(subject, $"{subject} has ON UPDATE {Rule(foreignKey.OnUpdate)} in the model but ON UPDATE {Rule(liveKey.OnUpdate)} in the database"));
            }
        }

        foreach (var foreignKey in live.ForeignKeys.Where(k => expected.ForeignKeys.All(e => e.Name != k.Name)))
        {
            differences.Add(Extra(SchemaObjectKind.ForeignKey, foreignKey.Name));
        }
    }

    private static string Reference(ForeignKeyShape key) =>
        $"({string.Join(", ", key.Columns)}) -> {key.PrincipalTable} ({string.Join(", ", key.PrincipalColumns)})";

    private static string Rule(ReferentialAction action) => action switch
    {
        ReferentialAction.NoAction => "NO ACTION",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        var other => other.ToString().ToUpperInvariant(),
    };

    private static SchemaDifference Missing(string kind, string name) =>
        new(SchemaObjectKind.Name(kind, name), $"{kind} {name} is in the model but not in the database");

    private static SchemaDifference Extra(string kind, string name) =>
        new(SchemaObjectKind.Name(kind, name), $"{kind} {name} is in the database but not in the model");
}
