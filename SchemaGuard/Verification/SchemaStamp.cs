using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Marketplace.SchemaGuard.Verification;

/// <summary>
/// Lets a run recognise a database that this same build has already verified, without building the EF Core model
/// (most of the cost of a run with nothing to do). A full verification that finds the database current records a
/// stamp: the build's key and the database's fingerprint. The verdict depends on nothing else, so a later run that reads
/// the same fingerprint for the same build key knows the verdict without recomputing it.
/// </summary>
/// <remarks>
/// The fingerprint is the hash of every catalog fact the drift detector reads (PostgreSQL hashes the rows of the very
/// queries the detector parses: <see cref="CatalogSchemaReader.FingerprintSql"/>) and of the migration history with its
/// recorded checksums (<see cref="MigrationHistoryTable.FingerprintSql"/>), computed the same way on every path. The build key
/// covers the rest of what the verdict depends on: the assembly with the model and the migrations (its module version id
/// changes with any change to them), EF Core's and Npgsql's versions (conventions), and the <c>SchemaDrift:Allow</c>
/// entries. Any change to either only costs one full verification.
/// </remarks>
public static class SchemaStamp
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

    // The build key is hex, written into the SQL: a parameter would cost the no-op check a type resolution.
    private static string LookupSql(string buildKey) => $"""
        SELECT "Fingerprint", to_char("VerifiedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        FROM "{TableName}" WHERE "BuildKey" = '{(buildKey.All(char.IsAsciiHexDigit) ? buildKey : throw new ArgumentException("A build key is hex.", nameof(buildKey)))}'
        """;

    private const string RecordSql = $"""
        INSERT INTO "{TableName}" ("BuildKey", "Fingerprint") VALUES ($1, $2)
        ON CONFLICT ("BuildKey") DO UPDATE SET "Fingerprint" = EXCLUDED."Fingerprint", "VerifiedAt" = now()
        """;

    /// <summary>The key of what the verdict depends on besides the database: the code, the EF Core and Npgsql versions, the allow-list.</summary>
    public static string BuildKey(Assembly modelAssembly, SchemaDriftOptions options)
    {
        var text = new StringBuilder()
            .AppendLine(modelAssembly.ManifestModule.ModuleVersionId.ToString())
            .AppendLine(ProductInfo.GetVersion())
            .AppendLine(VersionOf(typeof(NpgsqlDbContextOptionsBuilder).Assembly))
            .AppendLine(VersionOf(typeof(NpgsqlConnection).Assembly));
        foreach (var allowance in options.Allow.OrderBy(a => a.Object, StringComparer.Ordinal).ThenBy(a => a.Reason, StringComparer.Ordinal))
        {
            text.Append(allowance.Object.Trim()).Append('\t').AppendLine(allowance.Reason);
        }

        return Hash(text.ToString());
    }

    /// <summary>The fingerprint of a database: the catalog facts the drift detector read, and the history with its checksums.</summary>
    public static string Fingerprint(string catalogFingerprint, string historyFingerprint) =>
        Hash(catalogFingerprint + "\n" + historyFingerprint);

    /// <summary>
    /// In one round trip and without EF Core: the catalog's and the history's fingerprints, this build's stamp, and
    /// <paramref name="callerCheckSql"/> (a statement of the caller's returning one boolean, such as "is there work to do?").
    /// The last three name tables and columns that only a database this guard has verified is sure to have; where one is
    /// missing PostgreSQL refuses that statement and the ones after it, and the reading says what it could not learn.
    /// </summary>
    public static async Task<StampReading> ReadAsync(
        NpgsqlDataSource dataSource, string buildKey, string? callerCheckSql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CatalogSchemaReader.FingerprintSql),
                new NpgsqlBatchCommand(MigrationHistoryTable.FingerprintSql),
                new NpgsqlBatchCommand(LookupSql(buildKey)),
            },
        };
        if (callerCheckSql is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(callerCheckSql));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var catalog = reader.GetString(0);

        string fingerprint;
        try
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            fingerprint = Fingerprint(catalog, reader.GetString(0));
        }
        catch (PostgresException ex) when (SchemaMismatch.IsMissingObject(ex))
        {
            return new StampReading(null, null, null);
        }

        DateTimeOffset? verifiedAt;
        try
        {
            await reader.NextResultAsync(cancellationToken);
            verifiedAt = await reader.ReadAsync(cancellationToken) && reader.GetString(0) == fingerprint
                ? DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture)
                : null;
        }
        catch (PostgresException ex) when (SchemaMismatch.IsMissingObject(ex))
        {
            return new StampReading(fingerprint, null, null);
        }

        bool? callerCheck = null;
        if (callerCheckSql is not null)
        {
            try
            {
                await reader.NextResultAsync(cancellationToken);
                callerCheck = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
            }
            catch (PostgresException ex) when (SchemaMismatch.IsMissingObject(ex) || SchemaMismatch.IsDatatypeMismatch(ex))
            {
                // The caller's statement reads the app's own tables; on a schema not yet verified they may not be there.
            }
        }

        return new StampReading(fingerprint, verifiedAt, callerCheck);
    }

    /// <summary>Records that this build found the database current with <paramref name="fingerprint"/>.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, string buildKey, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            await using var create = new NpgsqlCommand(CreateSql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Another worker created it at the same moment; CREATE TABLE IF NOT EXISTS is not safe against that race.
        }

        await using var upsert = new NpgsqlCommand(RecordSql, connection);
        upsert.Parameters.Add(new NpgsqlParameter { Value = buildKey });
        upsert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "";
}
