namespace Marketplace.Data.Schema;

/// <summary>How a checksum came to be recorded; <c>status</c> shows it next to each applied migration.</summary>
public enum ChecksumRecordedWith
{
    /// <summary>In the same statement batch as the migration's history row, when the migration was applied.</summary>
    Migration,

    /// <summary>By <c>baseline</c>, for a database whose schema was made without migrations.</summary>
    Baseline,

    /// <summary>Once, for a migration applied before checksums were kept; when it was applied is unknown.</summary>
    FirstValidation,
}

/// <summary>
/// The side table next to <c>__EFMigrationsHistory</c> that keeps each applied migration's checksum. It is not in the
/// model (EF's history table is not either): the history repository creates it with the history table, so the worker,
/// <c>dotnet ef database update</c> and the idempotent script all keep it.
/// </summary>
public static class MigrationChecksumTable
{
    public const string Name = "__MarketplaceMigrationChecksums";

    /// <summary>Plain <c>CREATE TABLE</c>: the Npgsql history repository turns it into <c>CREATE TABLE IF NOT EXISTS</c> where needed.</summary>
    public const string CreateSql = $"""
        CREATE TABLE "{Name}" (
            "MigrationId" character varying(150) NOT NULL,
            "Checksum" character(64) NOT NULL,
            "AppliedAt" timestamp with time zone,
            "RecordedAt" timestamp with time zone NOT NULL DEFAULT now(),
            "RecordedWith" character varying(32) NOT NULL,
            "ProductVersion" character varying(32) NOT NULL,
            CONSTRAINT "PK_{Name}" PRIMARY KEY ("MigrationId")
        );

        """;

    public const string SelectSql = $"""
        SELECT "MigrationId", "Checksum", "AppliedAt", "RecordedAt", "RecordedWith", "ProductVersion" FROM "{Name}"
        """;

    /// <summary>Records a checksum; a row left by an earlier apply of the same migration is replaced.</summary>
    public static string UpsertSql(string migrationId, string checksum, string productVersion, ChecksumRecordedWith recordedWith)
    {
        var appliedAt = recordedWith == ChecksumRecordedWith.FirstValidation ? "NULL" : "now()";
        var onConflict = recordedWith == ChecksumRecordedWith.FirstValidation
            ? "DO NOTHING"
            : """
              DO UPDATE SET "Checksum" = EXCLUDED."Checksum", "AppliedAt" = EXCLUDED."AppliedAt", "RecordedAt" = EXCLUDED."RecordedAt",
                  "RecordedWith" = EXCLUDED."RecordedWith", "ProductVersion" = EXCLUDED."ProductVersion"
              """;
        return $"""
            INSERT INTO "{Name}" ("MigrationId", "Checksum", "AppliedAt", "RecordedWith", "ProductVersion")
            VALUES ({Literal(migrationId)}, {Literal(checksum)}, {appliedAt}, {Literal(recordedWith.ToString())}, {Literal(productVersion)})
            ON CONFLICT ("MigrationId") {onConflict};

            """;
    }

    public static string DeleteSql(string migrationId) => $"""
        DELETE FROM "{Name}" WHERE "MigrationId" = {Literal(migrationId)};

        """;

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
