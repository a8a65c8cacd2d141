using System.Reflection;
using Marketplace.SchemaGuard.Linting;
using Marketplace.SchemaGuard.MigrationMarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Marketplace.SchemaGuard.RollingDeploy;

/// <summary>
/// One try of the previous version against the database as it is now, in a transaction rolled back at the end: for each
/// table its model maps (principals first, so foreign keys hold), insert a row with only the columns it knows, then rows
/// holding each label the live schema allows in its enum columns, and read every mapped column of them back the way EF
/// Core materialises it (<c>GetFieldValue</c> of the mapped type; no null check on a required column).
/// </summary>
internal sealed class PreviousVersionAttempt
{
    private static readonly MethodInfo GetFieldValue = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!;

    private readonly IModel _model;
    private readonly PreviousVersionEnums _enums;
    private readonly HashSet<string> _contractObjects;
    private readonly List<EnumLabelNotWrittenYetAttribute> _labelsNotWritten;
    private readonly HashSet<string> _tablesNotRead;
    private readonly Dictionary<ITable, IReadOnlyDictionary<string, string>> _principalValues = [];
    private int _row;

    /// <param name="migrationType">The migration whose marks apply (contract step, labels not written yet); null for none.</param>
    public PreviousVersionAttempt(IModel previousModel, PreviousVersionEnums enums, Type? migrationType)
    {
        _model = previousModel;
        _enums = enums;
        _contractObjects = new HashSet<string>(
            migrationType?.GetCustomAttributes<ContractStepAttribute>().Select(step => step.Target.Trim()) ?? [],
            StringComparer.OrdinalIgnoreCase);
        _labelsNotWritten = [.. migrationType?.GetCustomAttributes<EnumLabelNotWrittenYetAttribute>() ?? []];
        _tablesNotRead = new HashSet<string>(
            migrationType?.GetCustomAttributes<NotReadByPreviousVersionAttribute>().Select(mark => mark.Table.Trim()) ?? [],
            StringComparer.OrdinalIgnoreCase);
    }

    public List<string> Problems { get; } = [];

    public List<string> Skipped { get; } = [];

    public int Rows { get; private set; }

    /// <param name="dataSource">The previous version's data source (<see cref="PreviousVersionEnums.DataSource"/>).</param>
    public async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var liveLabels = await LiveEnumLabelsAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in InsertOrder(_model.GetRelationalModel().Tables.Where(t => !t.IsExcludedFromMigrations)))
        {
            var tableTarget = TableTarget(table);
            if (_contractObjects.Contains(tableTarget))
            {
                Skipped.Add($"table {tableTarget}: contract step");
                continue;
            }

            var columns = new List<IColumn>();
            foreach (var column in table.Columns)
            {
                if (_contractObjects.Contains(ColumnTarget(column)))
                {
                    Skipped.Add($"column {ColumnTarget(column)}: contract step");
                }
                else
                {
                    columns.Add(column);
                }
            }

            await TryTableAsync(connection, table, columns, liveLabels, cancellationToken);
        }

        await transaction.RollbackAsync(cancellationToken);
    }

    private async Task TryTableAsync(
        NpgsqlConnection connection,
        ITable table,
        List<IColumn> columns,
        Dictionary<(string Schema, string Table, string Column), string[]> liveLabels,
        CancellationToken cancellationToken)
    {
        var written = await InsertAsync(connection, table, columns, [(null, null)], "the previous version's insert", cancellationToken);
        if (written is not [var own])
        {
            return;
        }

        _principalValues[table] = own;

        // Rows the new version may write while the previous one still reads: each label the live schema allows in each
        // of the table's enum columns.
        var labelRows = new List<(IColumn? Column, string? Label)>();
        var enumColumns = columns.Where(c => _enums.Of(c.StoreType) is not null).ToList();
        if (enumColumns.Count > 0 && _tablesNotRead.Contains(TableTarget(table)))
        {
            Skipped.Add($"rows holding each label in {TableTarget(table)}: the previous version does not read the table");
            enumColumns.Clear();
        }

        foreach (var column in enumColumns)
        {
            foreach (var label in liveLabels.GetValueOrDefault((table.Schema ?? "public", table.Name, column.Name)) ?? [])
            {
                if (_labelsNotWritten.Any(mark => Names(mark, column.StoreType, label)))
                {
                    Skipped.Add($"rows holding '{label}' in {ColumnTarget(column)}: the label is not written yet");
                }
                else
                {
                    labelRows.Add((column, label));
                }
            }
        }

        if (labelRows.Count > 0)
        {
            written.AddRange(await InsertAsync(connection, table, columns, labelRows, "inserting rows that hold each label of the new schema", cancellationToken) ?? []);
        }

        Rows += written.Count;
        await ReadBackAsync(connection, table, columns, [.. written.Select(row => row["ctid"])], cancellationToken);
    }

    /// <summary>
    /// Inserts the rows in one statement and returns each one's ctid and the values other tables' foreign keys need, or
    /// null when the statement fails (rolled back to before it, with the problem recorded).
    /// </summary>
    private async Task<List<Dictionary<string, string>>?> InsertAsync(
        NpgsqlConnection connection,
        ITable table,
        List<IColumn> columns,
        List<(IColumn? Column, string? Label)> rows,
        string what,
        CancellationToken cancellationToken)
    {
        var writable = columns.Where(c => !GeneratedByTheDatabase(c)).ToList();
        var tuples = new List<string>();
        foreach (var (labelColumn, label) in rows)
        {
            var row = ++_row;
            var values = new List<string>();
            foreach (var column in writable)
            {
                var value = column == labelColumn ? SqlNames.Literal(label!) : ValueOf(column, row);
                if (value is null)
                {
                    Problems.Add($"{TableTarget(table)}: the proof cannot make a value of store type {column.StoreType} for {ColumnTarget(column)} (extend SampleValue), so it cannot try the table.");
                    return null;
                }

                values.Add(value);
            }

            tuples.Add($"({string.Join(", ", values)})");
        }

        var referenced = _model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Where(fk => fk.PrincipalTable == table)
            .SelectMany(fk => fk.PrincipalColumns)
            .Select(c => c.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var into = SqlNames.Quote(table.Schema, table.Name);
        var returning = "RETURNING ctid::text" + string.Concat(referenced.Select(name => $", {SqlNames.Quote(name)}::text"));
        var insert = writable.Count == 0
            ? string.Join("; ", tuples.Select(_ => $"INSERT INTO {into} DEFAULT VALUES {returning}"))
            : $"INSERT INTO {into} ({string.Join(", ", writable.Select(c => SqlNames.Quote(c.Name)))}) VALUES {string.Join(", ", tuples)} {returning}";

        try
        {
            // The savepoint travels in the same round trip; a failure rolls back to it and the transaction goes on.
            await using var command = new NpgsqlCommand($"SAVEPOINT proof_insert; {insert}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var returned = new List<Dictionary<string, string>>();
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["ctid"] = reader.GetString(0) };
                    for (var i = 0; i < referenced.Count; i++)
                    {
                        if (!await reader.IsDBNullAsync(i + 1, cancellationToken))
                        {
                            values[referenced[i]] = reader.GetString(i + 1);
                        }
                    }

                    returned.Add(values);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            return returned;
        }
        catch (PostgresException ex)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT proof_insert", connection);
            await rollback.ExecuteNonQueryAsync(cancellationToken);
            Problems.Add($"{TableTarget(table)}: {what} fails: {ex.SqlState} {ex.MessageText}");
            return null;
        }
    }

    /// <summary>Reads every mapped column of the rows as EF Core materialises it: the mapped type, and no null check on a required column.</summary>
    private async Task ReadBackAsync(NpgsqlConnection connection, ITable table, List<IColumn> columns, List<string> ctids, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {string.Join(", ", columns.Select(c => SqlNames.Quote(c.Name)))} FROM {SqlNames.Quote(table.Schema, table.Name)} " +
                  $"WHERE ctid = ANY({SqlNames.Literal("{" + string.Join(",", ctids.Select(c => $"\"{c}\"")) + "}")}::tid[])";
        var failures = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                if (column.PropertyMappings[0].Property.IsNullable && await reader.IsDBNullAsync(i, cancellationToken))
                {
                    continue;
                }

                var type = ReadType(column);
                try
                {
                    GetFieldValue.MakeGenericMethod(type).Invoke(reader, [i]);
                }
                catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
                {
                    var holding = _enums.Of(column.StoreType) is not null && !await reader.IsDBNullAsync(i, cancellationToken)
                        ? $" from a row holding '{reader.GetFieldValue<string>(i)}'"
                        : "";
                    failures.Add($"{ColumnTarget(column)}: the previous version cannot read it as {type.Name}{holding}: {inner.Message}");
                }
            }
        }

        Problems.AddRange(failures);
    }

    /// <summary>The value the previous version writes: the principal's key for a foreign key, its first label for an enum, else a sample.</summary>
    private string? ValueOf(IColumn column, int row)
    {
        foreach (var foreignKey in column.Table.ForeignKeyConstraints)
        {
            var index = foreignKey.Columns.ToList().IndexOf(column);
            if (index < 0)
            {
                continue;
            }

            return _principalValues.TryGetValue(foreignKey.PrincipalTable, out var principal)
                && principal.TryGetValue(foreignKey.PrincipalColumns[index].Name, out var key)
                ? $"{SqlNames.Literal(key)}::{column.StoreType}"
                : column.IsNullable ? "NULL" : null;
        }

        if (_enums.Labels(column.StoreType) is [var first, ..])
        {
            return $"{SqlNames.Literal(first)}::{column.StoreType}";
        }

        var maxLength = column.PropertyMappings[0].Property.GetMaxLength();
        return SampleValue.Of(column.StoreType, row, maxLength) ?? (column.IsNullable ? "NULL" : null);
    }

    /// <summary>The CLR type the previous version reads the column as: its mapping's, with an enum of the labels it knew.</summary>
    private Type ReadType(IColumn column)
    {
        var mapping = column.PropertyMappings[0].TypeMapping;
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum && _enums.Of(column.StoreType) is { } previousEnum ? previousEnum : type;
    }

    /// <summary>Identity and computed columns: the previous version never writes them.</summary>
    private static bool GeneratedByTheDatabase(IColumn column)
    {
        if (column.ComputedColumnSql is not null)
        {
            return true;
        }

        var storeObject = StoreObjectIdentifier.Table(column.Table.Name, column.Table.Schema);
        return column.PropertyMappings[0].Property.GetValueGenerationStrategy(storeObject)
            is NpgsqlValueGenerationStrategy.IdentityAlwaysColumn or NpgsqlValueGenerationStrategy.IdentityByDefaultColumn or NpgsqlValueGenerationStrategy.SerialColumn;
    }

    private static bool Names(EnumLabelNotWrittenYetAttribute mark, string storeType, string label) =>
        string.Equals(mark.Label, label, StringComparison.Ordinal)
        && string.Equals(mark.EnumType.Trim(), storeType.Replace("\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>Principals before their dependents; a cycle is broken where it closes (its foreign key is then written NULL).</summary>
    private static List<ITable> InsertOrder(IEnumerable<ITable> tables)
    {
        var ordered = new List<ITable>();
        var visiting = new HashSet<ITable>();
        var done = new HashSet<ITable>();
        void Visit(ITable table)
        {
            if (done.Contains(table) || !visiting.Add(table))
            {
                return;
            }

            foreach (var foreignKey in table.ForeignKeyConstraints.Where(fk => fk.PrincipalTable != table))
            {
                Visit(foreignKey.PrincipalTable);
            }

            done.Add(table);
            ordered.Add(table);
        }

        foreach (var table in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered;
    }

    private static async Task<Dictionary<(string Schema, string Table, string Column), string[]>> LiveEnumLabelsAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, c.relname, a.attname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_enum e ON e.enumtypid = a.atttypid
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
            GROUP BY n.nspname, c.relname, a.attname
            """;
        var labels = new Dictionary<(string, string, string), string[]>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            labels[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetFieldValue<string[]>(3);
        }

        return labels;
    }

    private static string TableTarget(ITable table) => LintTarget.OfTable(MigrationWalk.Normalize(table.Schema), table.Name).ToString();

    private static string ColumnTarget(IColumn column) =>
        LintTarget.InTable(MigrationWalk.Normalize(column.Table.Schema), column.Table.Name, column.Name).ToString();
}
