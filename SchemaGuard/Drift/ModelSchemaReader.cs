using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marketplace.SchemaGuard.Conventions;
using Marketplace.SchemaGuard.Drift.Shapes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// The schema a model expects, from its relational model: the design-time model (the one migrations are generated
/// from), or a migration's target model once it is initialised for design time (as EF Core's migrator does). The
/// snapshot-like target model is usable only so initialised: before that it has no relational model.
/// </summary>
internal static class ModelSchemaReader
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, SchemaShape>> Cache = [];

    public static SchemaShape Read(IModel designTimeModel, string defaultSchema) =>
        Cache.GetOrCreateValue(designTimeModel).GetOrAdd(defaultSchema, schema => Build(designTimeModel, schema));

    /// <summary>The schemas the model uses; null stands for the connection's default schema.</summary>
    public static IReadOnlyList<string?> Schemas(IModel designTimeModel) => designTimeModel.GetRelationalModel().Tables
        .Select(t => t.Schema)
        .Concat(designTimeModel.GetPostgresEnums().Select(e => e.Schema))
        .Append(null)
        .Distinct()
        .ToList();

    private static SchemaShape Build(IModel model, string defaultSchema)
    {
        var tables = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            var schema = table.Schema ?? defaultSchema;
            tables[Key(schema, table.Name)] = ReadTable(table, schema, defaultSchema);
        }

        var enums = model.GetPostgresEnums().ToDictionary(
            e => Key(e.Schema ?? defaultSchema, e.Name),
            e => new EnumShape(Display(e.Schema ?? defaultSchema, e.Name, defaultSchema), e.Labels.ToList()),
            StringComparer.Ordinal);
        var extensions = model.GetPostgresExtensions().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(defaultSchema, tables, enums, extensions);
    }

    private static TableShape ReadTable(ITable table, string schema, string defaultSchema)
    {
        var storeObject = StoreObjectIdentifier.Table(table.Name, table.Schema);
        var columns = table.Columns.Select(column => ReadColumn(column, storeObject, defaultSchema)).ToList();

        var primaryKey = table.PrimaryKey is { } pk ? new KeyShape(pk.Name, pk.Columns.Select(c => c.Name).ToList()) : null;
        var uniqueConstraints = table.UniqueConstraints
            .Where(uc => !uc.GetIsPrimaryKey())
            .Select(uc => new KeyShape(uc.Name, uc.Columns.Select(c => c.Name).ToList()))
            .ToList();

        var indexes = table.Indexes.Select(index => ReadIndex(index, storeObject)).ToList();

        var foreignKeys = table.ForeignKeyConstraints.Select(fk => new ForeignKeyShape(
                fk.Name,
                fk.Columns.Select(c => c.Name).ToList(),
                Display(fk.PrincipalTable.Schema ?? defaultSchema, fk.PrincipalTable.Name, defaultSchema),
                fk.PrincipalColumns.Select(c => c.Name).ToList(),
                fk.OnDeleteAction,
                ForeignKeyUpdateRule.Of(fk.MappedForeignKeys.First())))
            .ToList();

        var checks = table.CheckConstraints.Select(c => c.Name!).ToList();
        var triggers = table.Triggers.Select(t => new TriggerShape(t.GetDatabaseName()!, IsEnabled: true)).ToList();
        return new TableShape(Display(schema, table.Name, defaultSchema), columns, primaryKey, uniqueConstraints, indexes, foreignKeys, checks, triggers);
    }

    private static ColumnShape ReadColumn(IColumn column, StoreObjectIdentifier storeObject, string defaultSchema)
    {
        var property = column.PropertyMappings[0].Property;
        var strategy = property.GetValueGenerationStrategy(storeObject);
        var identity = strategy switch
        {
            NpgsqlValueGenerationStrategy.IdentityAlwaysColumn => 'a',
            NpgsqlValueGenerationStrategy.IdentityByDefaultColumn => 'd',
            _ => '\0',
        };

        string? defaultSql = column.DefaultValueSql;
        if (defaultSql is null && column.DefaultValue is { } value)
        {
            defaultSql = column.StoreTypeMapping.GenerateSqlLiteral(value);
        }

        return new ColumnShape(
            column.Name,
            SqlText.NormalizeType(column.StoreType, defaultSchema),
            column.IsNullable,
            defaultSql,
            identity,
            IsGenerated: column.ComputedColumnSql is not null || property.GetTsVectorConfig() is not null,
            IsSerial: strategy == NpgsqlValueGenerationStrategy.SerialColumn);
    }

    private static IndexShape ReadIndex(ITableIndex index, StoreObjectIdentifier storeObject)
    {
        var mapped = index.MappedIndexes.First();
        var columns = index.Columns.Select(c => c.Name).ToList();
        // EF Core: null means all ascending, an empty list all descending.
        var descending = index.IsDescending switch
        {
            null => columns.Select(_ => false).ToList(),
            { Count: 0 } => columns.Select(_ => true).ToList(),
            var flags => flags.ToList(),
        };
        var include = (mapped.GetIncludeProperties() ?? [])
            .Select(name => mapped.DeclaringEntityType.FindProperty(name)?.GetColumnName(storeObject) ?? name)
            .ToList();
        return new IndexShape(
            index.Name,
            columns,
            descending,
            index.IsUnique,
            index.Filter,
            mapped.GetMethod() ?? "btree",
            include,
            mapped.GetAreNullsDistinct() ?? true,
            mapped.GetOperators(),
            IsExpression: mapped.GetTsVectorConfig() is not null);
    }

    public static string Key(string schema, string name) => schema + "." + name;

    public static string Display(string schema, string name, string defaultSchema) =>
        schema == defaultSchema ? name : schema + "." + name;
}
