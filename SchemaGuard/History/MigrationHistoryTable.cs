using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.SchemaGuard.History;

/// <summary>
/// The one owner of the migration history's SQL, as EF Core's <c>HistoryRepository</c> owns its own: EF Core's history
/// table (<see cref="Name"/>) and, beside it, the checksum side table (<see cref="ChecksumTableName"/>) that keeps each
/// applied migration's checksum. Reads, existence checks and the checksum writes are all here; the history repository
/// (<see cref="ChecksummedHistoryRepository"/>) appends the writes to EF Core's own, so the worker,
/// <c>dotnet ef database update</c> and the idempotent script all keep checksums.
/// </summary>
public static class MigrationHistoryTable
{
    /// <summary>EF Core's history table, at its default name in the connection's default schema.</summary>
    public const string Name = HistoryRepository.DefaultTableName;

    /// <summary>The checksum side table. Not in any model (EF Core's history table is not either).</summary>
    public const string ChecksumTableName = "__MarketplaceMigrationChecksums";

    /// <summary>Plain <c>CREATE TABLE</c>: the Npgsql history repository turns it into <c>CREATE TABLE IF NOT EXISTS</c> where needed.</summary>
    internal const string CreateChecksumTableSql = $"""
        CREATE TABLE "{ChecksumTableName}" (
            "MigrationId" character varying(150) NOT NULL,
            "Checksum" character(64) NOT NULL,
            "AppliedAt" timestamp with time zone,
            "RecordedAt" timestamp with time zone NOT NULL DEFAULT now(),
            "RecordedWith" character varying(32) NOT NULL,
            "ProductVersion" character varying(32) NOT NULL,
            CONSTRAINT "PK_{ChecksumTableName}" PRIMARY KEY ("MigrationId")
        );

        """;

    /// <summary>Every applied migration with its checksum row, in the order EF Core applies them. Needs both tables.</summary>
    internal const string ReadSql = $"""
        SELECT h."MigrationId", c."Checksum", c."AppliedAt", c."RecordedWith"
        FROM "{Name}" h LEFT JOIN "{ChecksumTableName}" c ON c."MigrationId" = h."MigrationId"
        ORDER BY h."MigrationId"
        """;

    /// <summary>
    /// One row, one column: the history as the stamp's fingerprint covers it, each applied migration's id and recorded
    /// checksum. Needs both tables.
    /// </summary>
    internal const string FingerprintSql = $"""
        SELECT coalesce(string_agg(h."MigrationId" || ' ' || coalesce(c."Checksum", '-'), E'\n' ORDER BY h."MigrationId"), '')
        FROM "{Name}" h LEFT JOIN "{ChecksumTableName}" c ON c."MigrationId" = h."MigrationId"
        """;

    private const string ReadWithoutChecksumsSql = $"""
        SELECT "MigrationId", NULL::text, NULL::timestamptz, NULL::text FROM "{Name}" ORDER BY "MigrationId"
        """;

    private const string ExistsSql = $"""
        SELECT to_regclass('"{Name}"') IS NOT NULL, to_regclass('"{ChecksumTableName}"') IS NOT NULL
        """;

    /// <summary>
    /// The history with its checksums, tolerating either table's absence (no rows when there is no history), and its
    /// fingerprint (<see cref="FingerprintSql"/>), null unless both tables exist.
    /// </summary>
    public static async Task<(IReadOnlyList<MigrationHistoryRow> Rows, string? Fingerprint)> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        bool hasHistory, hasChecksums;
        await using (var exists = new NpgsqlCommand(ExistsSql, connection, transaction))
        await using (var reader = await exists.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (hasHistory, hasChecksums) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }

        if (!hasHistory)
        {
            return ([], null);
        }

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(hasChecksums ? ReadSql : ReadWithoutChecksumsSql) },
        };
        if (hasChecksums)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(FingerprintSql));
        }

        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        var history = new List<MigrationHistoryRow>();
        while (await rows.ReadAsync(cancellationToken))
        {
            history.Add(new MigrationHistoryRow(
                rows.GetString(0),
                rows.IsDBNull(1) ? null : rows.GetString(1).Trim(),
                rows.IsDBNull(2) ? null : rows.GetFieldValue<DateTimeOffset>(2),
                rows.IsDBNull(3) ? null : Enum.TryParse<ChecksumRecordedWith>(rows.GetString(3), out var how) ? how : null));
        }

        string? fingerprint = null;
        if (hasChecksums && await rows.NextResultAsync(cancellationToken) && await rows.ReadAsync(cancellationToken))
        {
            fingerprint = rows.GetString(0);
        }

        return (history, fingerprint);
    }

    /// <summary>Records a checksum; a row left by an earlier apply of the same migration is replaced.</summary>
    internal static string UpsertChecksumSql(string migrationId, string checksum, string productVersion, ChecksumRecordedWith recordedWith)
    {
        var appliedAt = recordedWith == ChecksumRecordedWith.FirstValidation ? "NULL" : "now()";
        var onConflict = recordedWith == ChecksumRecordedWith.FirstValidation
            ? "DO NOTHING"
            : """
              DO UPDATE SET "Checksum" = EXCLUDED."Checksum", "AppliedAt" = EXCLUDED."AppliedAt", "RecordedAt" = EXCLUDED."RecordedAt",
                  "RecordedWith" = EXCLUDED."RecordedWith", "ProductVersion" = EXCLUDED."ProductVersion"
              """;
        return $"""
            INSERT INTO "{ChecksumTableName}" ("MigrationId", "Checksum", "AppliedAt", "RecordedWith", "ProductVersion")
            VALUES ({SqlNames.Literal(migrationId)}, {SqlNames.Literal(checksum)}, {appliedAt}, {SqlNames.Literal(recordedWith.ToString())}, {SqlNames.Literal(productVersion)})
            ON CONFLICT ("MigrationId") {onConflict};

            """;
    }

    internal static string DeleteChecksumSql(string migrationId) => $"""
        DELETE FROM "{ChecksumTableName}" WHERE "MigrationId" = {SqlNames.Literal(migrationId)};

        """;
}
