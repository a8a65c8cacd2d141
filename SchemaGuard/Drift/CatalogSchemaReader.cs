using System.Data.Common;
using Marketplace.SchemaGuard.Drift.Shapes;
using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// Reads the live schema from pg_catalog in one round trip: tables, columns, constraints, indexes, triggers, enum types
/// and extensions of every user schema, without the guard's own tables and without objects that belong to an extension.
/// <see cref="FingerprintSql"/> has PostgreSQL hash every row of these same queries, so the stamp
/// (<see cref="SchemaStamp"/>) covers exactly the facts the drift detector compares: a fact added to a query here is
/// fingerprinted with no second edit, and the no-op check reads one string instead of the catalog. All schemas rather
/// than the model's, so that the read needs no model.
/// </summary>
internal static class CatalogSchemaReader
{
    /// <summary>The guard's own tables: they change as it works and are not the schema it guards.</summary>
    public static IReadOnlyList<string> OwnTables { get; } =
        [MigrationHistoryTable.Name, MigrationHistoryTable.ChecksumTableName, SchemaStamp.TableName];

    private const string InSchemas = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    // The guard's own tables live in the connection's default schema. Written into the SQL rather than sent as a
    // parameter: they are constants, and a parameter costs the no-op check a type resolution.
    private static readonly string NotOwnTable =
        $"NOT (n.nspname = current_schema() AND c.relname IN ({string.Join(", ", OwnTables.Select(t => $"'{t}'"))}))";

    private static string NotFromExtension(string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.objid = {oid} AND dep.deptype = 'e')";

    /// <summary>The queries in the order <see cref="ReadAsync(NpgsqlDataReader, CancellationToken)"/> reads their results.</summary>
    public static IReadOnlyList<CatalogQuery> Queries { get; } =
    [
        new([], "SELECT current_schema()::text"),

        new([SchemaObjectKind.Table], $"""
            SELECT n.nspname::text, c.relname::text
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND {InSchemas} AND {NotOwnTable} AND {NotFromExtension("c.oid")}
            ORDER BY 1, 2
            """),

        new([SchemaObjectKind.Column], $"""
            SELECT n.nspname::text, c.relname::text, a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND {InSchemas} AND {NotOwnTable}
            ORDER BY 1, 2, a.attnum
            """),

        new([SchemaObjectKind.PrimaryKey, SchemaObjectKind.UniqueConstraint, SchemaObjectKind.ForeignKey, SchemaObjectKind.CheckConstraint], $"""
            SELECT n.nspname::text, c.relname::text, con.conname::text, con.contype,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   rn.nspname::text, rc.relname::text,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   con.confdeltype, con.confupdtype
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.contype IN ('p', 'u', 'f', 'c') AND {InSchemas} AND {NotOwnTable}
            ORDER BY 1, 2, 3
            """),

        new([SchemaObjectKind.Index], $"""
            SELECT n.nspname::text, c.relname::text, i.relname::text, ix.indisunique, ix.indisvalid, am.amname::text, ix.indnkeyatts,
                   ix.indnullsnotdistinct, pg_catalog.pg_get_expr(ix.indpred, ix.indrelid),
                   ARRAY(SELECT CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord::int, true) ELSE a.attname::text END
                         FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   ARRAY(SELECT (o.opt & 1) = 1 FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord),
                   ARRAY(SELECT opc.opcname::text FROM unnest(ix.indclass::oid[]) WITH ORDINALITY k(opc, ord)
                         JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opc ORDER BY k.ord),
                   ix.indexprs IS NOT NULL
            FROM pg_catalog.pg_index ix
            JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
            JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_am am ON am.oid = i.relam
            WHERE c.relkind IN ('r', 'p') AND {InSchemas} AND {NotOwnTable}
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2, 3
            """),

        new([SchemaObjectKind.Trigger], $"""
            SELECT n.nspname::text, c.relname::text, tg.tgname::text, tg.tgenabled <> 'D'
            FROM pg_catalog.pg_trigger tg
            JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT tg.tgisinternal AND c.relkind IN ('r', 'p') AND {InSchemas} AND {NotOwnTable}
            ORDER BY 1, 2, 3
            """),

        new([SchemaObjectKind.Enum], $"""
            SELECT n.nspname::text, t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE {InSchemas} AND {NotFromExtension("t.oid")}
            GROUP BY 1, 2
            ORDER BY 1, 2
            """),

        new([SchemaObjectKind.Extension], "SELECT extname::text FROM pg_catalog.pg_extension ORDER BY 1"),
    ];

    /// <summary>
    /// One row, one column: the SHA-256 (hex) of every row of every query in <see cref="Queries"/>, each row in PostgreSQL's
    /// own text form, rows sorted within their query. The queries are the very strings the detector reads.
    /// </summary>
    public static readonly string FingerprintSql =
        "SELECT encode(sha256(convert_to(concat_ws(E'\\x1d', " +
        string.Join(", ", Queries.Select(q => $"(SELECT coalesce(string_agg(q::text, E'\\x1e' ORDER BY q::text), '') FROM ({q.Sql}) AS q)")) +
        "), 'UTF8')), 'hex')";

    /// <summary>Reads the catalog, and its fingerprint, in one batch of its own.</summary>
    public static async Task<CatalogRead> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var query in Queries)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(query.Sql));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(FingerprintSql));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var schema = await ReadShapeAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CatalogRead(schema, reader.GetString(0));
    }

    /// <summary>Reads the results of <see cref="Queries"/>, in order, leaving the reader on the last of them.</summary>
    private static async Task<SchemaShape> ReadShapeAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        Task<bool> NextRowAsync() => reader.ReadAsync(cancellationToken);
        Task<bool> NextQueryAsync() => reader.NextResultAsync(cancellationToken);

        await NextRowAsync();
        var defaultSchema = reader.GetString(0);

        var tables = new Dictionary<string, TableBuilder>(StringComparer.Ordinal);
        await NextQueryAsync();
        while (await NextRowAsync())
        {
            var (schema, name) = (reader.GetString(0), reader.GetString(1));
            tables[ModelSchemaReader.Key(schema, name)] = new TableBuilder(ModelSchemaReader.Display(schema, name, defaultSchema));
        }

        await NextQueryAsync();
        while (await NextRowAsync())
        {
            if (Find(tables, reader) is not { } table)
            {
                continue;
            }

            var generated = reader.GetChar(7) != '\0';
            table.Columns.Add(new ColumnShape(
                reader.GetString(2),
                SqlText.NormalizeType(reader.GetString(3), defaultSchema),
                IsNullable: !reader.GetBoolean(4),
                // A generated column's expression is stored where defaults are; it is not a default.
                Default: generated || reader.IsDBNull(5) ? null : reader.GetString(5),
                Identity: reader.GetChar(6),
                IsGenerated: generated));
        }

        await NextQueryAsync();
        while (await NextRowAsync())
        {
            if (Find(tables, reader) is not { } table)
            {
                continue;
            }

            var name = reader.GetString(2);
            var columns = reader.GetFieldValue<string[]>(4);
            switch (reader.GetChar(3))
            {
                case 'p':
                    table.PrimaryKey = new KeyShape(name, columns);
                    break;
                case 'u':
                    table.UniqueConstraints.Add(new KeyShape(name, columns));
                    break;
                case 'c':
                    table.CheckConstraints.Add(name);
                    break;
                case 'f':
                    table.ForeignKeys.Add(new ForeignKeyShape(
                        name,
                        columns,
                        ModelSchemaReader.Display(reader.GetString(5), reader.GetString(6), defaultSchema),
                        reader.GetFieldValue<string[]>(7),
                        Action(reader.GetChar(8)),
                        Action(reader.GetChar(9))));
                    break;
            }
        }

        await NextQueryAsync();
        while (await NextRowAsync())
        {
            if (Find(tables, reader) is not { } table)
            {
                continue;
            }

            var keyCount = reader.GetInt16(6);
            var columns = reader.GetFieldValue<string[]>(9);
            var descending = reader.GetFieldValue<bool[]>(10);
            var operators = reader.GetFieldValue<string[]>(11);
            table.Indexes.Add(new IndexShape(
                reader.GetString(2),
                columns[..keyCount],
                descending[..keyCount],
                IsUnique: reader.GetBoolean(3),
                Filter: reader.IsDBNull(8) ? null : reader.GetString(8),
                Method: reader.GetString(5),
                Include: columns[keyCount..],
                NullsDistinct: !reader.GetBoolean(7),
                Operators: operators[..Math.Min(keyCount, operators.Length)],
                IsExpression: reader.GetBoolean(12),
                IsValid: reader.GetBoolean(4)));
        }

        await NextQueryAsync();
        while (await NextRowAsync())
        {
            Find(tables, reader)?.Triggers.Add(new TriggerShape(reader.GetString(2), reader.GetBoolean(3)));
        }

        var enums = new Dictionary<string, EnumShape>(StringComparer.Ordinal);
        await NextQueryAsync();
        while (await NextRowAsync())
        {
            var (schema, name) = (reader.GetString(0), reader.GetString(1));
            enums[ModelSchemaReader.Key(schema, name)] =
                new EnumShape(ModelSchemaReader.Display(schema, name, defaultSchema), reader.GetFieldValue<string[]>(2));
        }

        var extensions = new List<string>();
        await NextQueryAsync();
        while (await NextRowAsync())
        {
            extensions.Add(reader.GetString(0));
        }

        return new SchemaShape(
            defaultSchema,
            tables.ToDictionary(t => t.Key, t => t.Value.Build(), StringComparer.Ordinal),
            enums,
            extensions);
    }

    private static TableBuilder? Find(Dictionary<string, TableBuilder> tables, DbDataReader reader) =>
        tables.GetValueOrDefault(ModelSchemaReader.Key(reader.GetString(0), reader.GetString(1)));

    private static ReferentialAction Action(char rule) => rule switch
    {
        'r' => ReferentialAction.Restrict,
        'c' => ReferentialAction.Cascade,
        'n' => ReferentialAction.SetNull,
        'd' => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };

    private sealed class TableBuilder(string displayName)
    {
        public List<ColumnShape> Columns { get; } = [];
        public KeyShape? PrimaryKey { get; set; }
        public List<KeyShape> UniqueConstraints { get; } = [];
        public List<IndexShape> Indexes { get; } = [];
        public List<ForeignKeyShape> ForeignKeys { get; } = [];
        public List<string> CheckConstraints { get; } = [];
        public List<TriggerShape> Triggers { get; } = [];

        public TableShape Build() => new(displayName, Columns, PrimaryKey, UniqueConstraints, Indexes, ForeignKeys, CheckConstraints, Triggers);
    }
}
