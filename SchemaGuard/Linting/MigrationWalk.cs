using System.Reflection;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting;

/// <summary>
/// What the rules know while the linter walks one migration's Up operations in order: which tables and columns this
/// migration has created so far (an empty table has nothing to lock or lose), the model before the migration and the
/// model it targets.
/// </summary>
internal sealed class MigrationWalk
{
    private readonly HashSet<(string? Schema, string Table)> _createdTables = [];
    private readonly Dictionary<(string? Schema, string Table, string Column), AddColumnOperation> _addedColumns = [];
    private readonly Lazy<IModel?> _targetModel;
    private int _sqlSteps;

    public MigrationWalk(
        string migrationId, Type migrationType, IReadOnlyList<MigrationOperation> operations, IModel? previousModel, Func<IModel?> targetModel)
    {
        MigrationId = migrationId;
        MigrationType = migrationType;
        Operations = operations;
        PreviousModel = previousModel;
        _targetModel = new Lazy<IModel?>(targetModel);
    }

    public string MigrationId { get; }

    /// <summary>The migration's class, which carries its marks (contract step, labels not written yet, no lock timeout).</summary>
    public Type MigrationType { get; }

    /// <summary>The labels this migration declares it adds without writing them yet.</summary>
    public IReadOnlyList<EnumLabelNotWrittenYetAttribute> LabelsNotWrittenYet =>
        [.. MigrationType.GetCustomAttributes<EnumLabelNotWrittenYetAttribute>()];

    /// <summary>The tables this migration declares the previous version never reads.</summary>
    public IReadOnlyList<NotReadByPreviousVersionAttribute> TablesNotRead =>
        [.. MigrationType.GetCustomAttributes<NotReadByPreviousVersionAttribute>()];

    /// <summary>All Up operations of the migration, including the ones not reached yet.</summary>
    public IReadOnlyList<MigrationOperation> Operations { get; }

    /// <summary>The target model of the previous migration; null for the first one.</summary>
    public IModel? PreviousModel { get; }

    public IModel? TargetModel => _targetModel.Value;

    /// <summary>The 1-based number of the <see cref="SqlOperation"/> being inspected, which names it in findings (<c>sql#2</c>).</summary>
    public int SqlStep => _sqlSteps;

    /// <summary>
    /// Whether the table existed before this migration, i.e. was not created earlier in it. A table the previous model
    /// lacks but no operation here creates (made by raw SQL, say) counts as existing: it may hold rows.
    /// </summary>
    public bool IsExisting(string? schema, string table) => !_createdTables.Contains(Key(schema, table));

    /// <summary>The operation that added this column earlier in this migration, if one did.</summary>
    public AddColumnOperation? AddedHere(string? schema, string table, string column) =>
        _addedColumns.GetValueOrDefault((Normalize(schema), table, column));

    public LintFinding Finding(string ruleId, LintSeverity severity, LintTarget target, string message, string suggestion) =>
        new(ruleId, severity, MigrationId, target, message, suggestion);

    /// <summary>The column as the previous model declares it, for operations written without their old facts.</summary>
    public IReadOnlyProperty? FindPreviousColumn(string? schema, string table, string column)
    {
        if (PreviousModel is null)
        {
            return null;
        }

        foreach (var entityType in PreviousModel.GetEntityTypes())
        {
            if (entityType.GetTableName() != table || Normalize(entityType.GetSchema()) != Normalize(schema))
            {
                continue;
            }

            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            if (entityType.GetProperties().FirstOrDefault(p => p.GetColumnName(storeObject) == column) is { } property)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Whether a store type names a PostgreSQL enum type of the model before or after the migration.</summary>
    public bool IsEnumType(string storeType)
    {
        var name = storeType.Trim().Trim('"');
        return new[] { PreviousModel, TargetModel }.Any(model => model is not null
            && model.GetPostgresEnums().Any(e => string.Equals(e.Name, name, StringComparison.Ordinal)
                || string.Equals($"{e.Schema}.{e.Name}", name, StringComparison.Ordinal)));
    }

    /// <summary>The index as the migration's target model declares it, found by name or else by its columns.</summary>
    public IReadOnlyIndex? FindTargetIndex(CreateIndexOperation operation)
    {
        if (TargetModel is null)
        {
            return null;
        }

        var indexes = TargetModel.GetEntityTypes()
            .Where(e => e.GetTableName() == operation.Table && Normalize(e.GetSchema()) == Normalize(operation.Schema))
            .SelectMany(e => e.GetDeclaredIndexes())
            .ToList();
        return indexes.FirstOrDefault(i => i.GetDatabaseName() == operation.Name)
            ?? indexes.FirstOrDefault(i => i.Properties.Select(p => p.GetColumnName()).SequenceEqual(operation.Columns));
    }

    /// <summary>Called once the rules have seen an operation, so the next one sees its effect.</summary>
    public void Advance(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                _createdTables.Add(Key(create.Schema, create.Name));
                break;
            case RenameTableOperation rename when !IsExisting(rename.Schema, rename.Name):
                _createdTables.Remove(Key(rename.Schema, rename.Name));
                _createdTables.Add(Key(rename.NewSchema ?? rename.Schema, rename.NewName ?? rename.Name));
                break;
            case DropTableOperation drop:
                _createdTables.Remove(Key(drop.Schema, drop.Name));
                break;
            case AddColumnOperation add:
                _addedColumns[(Normalize(add.Schema), add.Table, add.Name)] = add;
                break;
            case RenameColumnOperation rename when _addedColumns.Remove((Normalize(rename.Schema), rename.Table, rename.Name), out var added):
                _addedColumns[(Normalize(rename.Schema), rename.Table, rename.NewName)] = added;
                break;
            case DropColumnOperation drop:
                _addedColumns.Remove((Normalize(drop.Schema), drop.Table, drop.Name));
                break;
        }
    }

    /// <summary>Called before the rules see an operation.</summary>
    public void Enter(MigrationOperation operation)
    {
        if (operation is SqlOperation)
        {
            _sqlSteps++;
        }
    }

    /// <summary>EF writes the default schema as null; treat an explicit <c>public</c> the same.</summary>
    public static string? Normalize(string? schema) => schema is null or "" or "public" ? null : schema;

    private static (string? Schema, string Table) Key(string? schema, string table) => (Normalize(schema), table);
}
