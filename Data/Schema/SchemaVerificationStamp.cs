using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Marketplace.Data.Schema;

/// <summary>The database's fingerprint now, and when this build last verified it in exactly this state, if it ever did.</summary>
public sealed record SchemaState(string Fingerprint, DateTimeOffset? VerifiedAt);

/// <summary>
/// Lets a run recognise a database that this same build has already verified, without building the EF Core model
/// (most of the cost of a run with nothing to do). A full verification that finds the database current records a
/// stamp: the build's key and the database's fingerprint. The verdict depends on nothing else, so a later run that reads
/// the same fingerprint for the same build key knows the verdict without recomputing it.
/// </summary>
/// <remarks>
/// The fingerprint is computed by PostgreSQL from the catalog (every user schema's tables, columns with type,
/// nullability, default, identity and generation, constraint, index and trigger definitions with validity, enum labels in
/// order, extensions) and from the migration history with its recorded checksums: more than the drift check reads, so
/// any change it could see changes the fingerprint. The build key covers the rest of what the verdict depends on: the
/// Data assembly (model, migrations, checksum code: its module version id changes with any change to them), EF Core's
/// and Npgsql's versions (conventions), and the <c>SchemaDrift:Allow</c> entries. Any change to either only costs one
/// full verification.
/// </remarks>
public static class SchemaVerificationStamp
{
    public const string TableName = "__MarketplaceSchemaVerifications";

    private const string CreateSql = $"""
        CREATE TABLE IF NOT EXISTS "{TableName}" (
            "BuildKey" character(64) NOT NULL,
            "Fingerprint" character(64) NOT NULL,
            "VerifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
            CONSTRAINT "PK_{TableName}" PRIMARY KEY ("BuildKey")
        )
        """;

    // The worker's own tables change as it works (this one appears with the first stamp); they are not the schema.
    private const string OwnTables = $"('{MarketplaceDbContextOptions.MigrationsHistoryTable}', '{MigrationChecksumTable.Name}', '{TableName}')";
    private const string UserSchema = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    private const string CatalogFingerprintSql = $"""
        SELECT encode(sha256(convert_to(coalesce(string_agg(fact, E'\n' ORDER BY fact), ''), 'UTF8')), 'hex'),
               to_regclass('"{MarketplaceDbContextOptions.MigrationsHistoryTable}"') IS NOT NULL,
               to_regclass('"{MigrationChecksumTable.Name}"') IS NOT NULL,
               to_regclass('"{TableName}"') IS NOT NULL
        FROM (
            SELECT 'schema ' || current_schema()
            UNION ALL
            SELECT concat_ws(' ', 'column', n.nspname, c.relname, c.relkind, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                             a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p') AND {UserSchema} AND NOT (n.nspname = current_schema() AND c.relname IN {OwnTables})
            UNION ALL
            SELECT concat_ws(' ', 'constraint', n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid))
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {UserSchema} AND NOT (n.nspname = current_schema() AND c.relname IN {OwnTables})
            UNION ALL
            SELECT concat_ws(' ', 'index', n.nspname, pg_get_indexdef(ix.indexrelid), ix.indisvalid)
            FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {UserSchema} AND NOT (n.nspname = current_schema() AND c.relname IN {OwnTables})
            UNION ALL
            SELECT concat_ws(' ', 'trigger', n.nspname, pg_get_triggerdef(tg.oid), tg.tgenabled)
            FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT tg.tgisinternal AND {UserSchema}
            UNION ALL
            SELECT concat_ws(' ', 'enum', n.nspname, t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE {UserSchema}
            GROUP BY n.nspname, t.typname
            UNION ALL
            SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension
        ) AS facts(fact)
        """;

    private static string HistorySql(string checksum) => $"""
        SELECT coalesce(string_agg(h."MigrationId" || ' ' || {checksum}, E'\n' ORDER BY h."MigrationId"), '')
        FROM "{MarketplaceDbContextOptions.MigrationsHistoryTable}" h
        """;

    public static string BuildKey(SchemaDriftOptions options)
    {
        var text = new StringBuilder()
            .AppendLine(typeof(MarketplaceDbContext).Assembly.ManifestModule.ModuleVersionId.ToString())
            .AppendLine(ProductInfo.GetVersion())
            .AppendLine(VersionOf(typeof(NpgsqlDbContextOptionsBuilder).Assembly))
            .AppendLine(VersionOf(typeof(NpgsqlConnection).Assembly));
        foreach (var allowance in options.Allow.OrderBy(a => a.Object, StringComparer.Ordinal).ThenBy(a => a.Reason, StringComparer.Ordinal))
        {
            text.Append(allowance.Object.Trim()).Append('\t').AppendLine(allowance.Reason);
        }

        return Hash(text.ToString());
    }

    /// <summary>Reads the database's fingerprint without EF Core (scalar queries only), and this build's stamp for it, if any.</summary>
    public static async Task<SchemaState> ReadAsync(NpgsqlDataSource dataSource, string buildKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string catalog;
        bool hasHistory, hasChecksums, hasStamps;
        await using (var command = new NpgsqlCommand(CatalogFingerprintSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (catalog, hasHistory, hasChecksums, hasStamps) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        var history = "";
        if (hasHistory)
        {
            var checksum = hasChecksums
                ? $"""coalesce((SELECT c."Checksum" FROM "{MigrationChecksumTable.Name}" c WHERE c."MigrationId" = h."MigrationId"), '-')"""
                : "'-'";
            await using var command = new NpgsqlCommand(HistorySql(checksum), connection);
            history = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var fingerprint = Hash(catalog + "\n" + history);
        if (!hasStamps)
        {
            return new SchemaState(fingerprint, null);
        }

        await using var stamp = new NpgsqlCommand(
            $"""SELECT "VerifiedAt" FROM "{TableName}" WHERE "BuildKey" = $1 AND "Fingerprint" = $2""", connection);
        stamp.Parameters.Add(new NpgsqlParameter { Value = buildKey });
        stamp.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        var verifiedAt = await stamp.ExecuteScalarAsync(cancellationToken);
        return new SchemaState(fingerprint, verifiedAt is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
    }

    /// <summary>Records that this build found the database current with <paramref name="fingerprint"/>.</summary>
    public static async Task RecordAsync(NpgsqlDataSource dataSource, string buildKey, string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand(CreateSql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Another worker created it at the same moment; CREATE TABLE IF NOT EXISTS is not safe against that race.
        }

        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO "{TableName}" ("BuildKey", "Fingerprint") VALUES ($1, $2)
            ON CONFLICT ("BuildKey") DO UPDATE SET "Fingerprint" = EXCLUDED."Fingerprint", "VerifiedAt" = now()
            """, connection);
        upsert.Parameters.Add(new NpgsqlParameter { Value = buildKey });
        upsert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "";
}
