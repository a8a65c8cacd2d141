using Marketplace.SchemaGuard.History;
using Marketplace.SchemaGuard.Verification;

namespace Marketplace.Api.Health;

/// <summary>
/// Whether the Api's database role may read and write the rows of every table, asked of the catalog without the model
/// (readiness on a stamped database builds none): the tables of every user schema, as the drift detector reads them,
/// without the schema guard's own (which the Api only reads). The Api connects as a role with rights on rows only; a
/// table created by a role whose default privileges do not grant them (a migration run by another user) would answer
/// every request that touches it with "permission denied", so readiness says so first, naming the table.
/// </summary>
public static class RowRights
{
    private static readonly string TablesLackingRights = $"""
        SELECT c.relname::text
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
          AND NOT (n.nspname = current_schema()
                   AND c.relname IN ('{MigrationHistoryTable.Name}', '{MigrationHistoryTable.ChecksumTableName}', '{SchemaStamp.TableName}'))
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')
          -- One right per call: given several, has_table_privilege answers whether any one is held.
          AND NOT (pg_catalog.has_table_privilege(c.oid, 'SELECT') AND pg_catalog.has_table_privilege(c.oid, 'INSERT')
                   AND pg_catalog.has_table_privilege(c.oid, 'UPDATE') AND pg_catalog.has_table_privilege(c.oid, 'DELETE'))
        """;

    /// <summary>One row, one boolean: true when every table's rows may be read and written.</summary>
    public static readonly string AllHeldSql = $"SELECT NOT EXISTS ({TablesLackingRights})";

    /// <summary>The tables whose rows the role may not read and write, by name.</summary>
    public static readonly string LackingSql = $"SELECT coalesce(array_agg(t.relname ORDER BY t.relname), '{{}}') FROM ({TablesLackingRights}) AS t(relname)";
}
