using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.Data.Schema;

/// <summary>
/// Answers "can this build's code run on this database?" without changing it: the migration history against the
/// build's migrations, each applied migration's recorded checksum against its code, and the live schema against the
/// model (<see cref="SchemaDriftDetector"/>). Three round trips; read-only, so the Api can run it on an interval.
/// </summary>
public sealed class DatabaseSchemaVerifier(MarketplaceDbContext db, SchemaDriftDetector driftDetector)
{
    public async Task<SchemaVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var migrations = await CheckMigrationsAsync(cancellationToken);
        var drift = await driftDetector.DetectAsync(cancellationToken);
        return new SchemaVerification(
            migrations.HasHistory,
            migrations.Applied,
            migrations.Pending,
            migrations.AppliedNotInCode,
            migrations.ChecksumsNotRecorded,
            migrations.ChecksumMismatches,
            drift);
    }

    /// <summary>The history and checksum half of <see cref="VerifyAsync"/>, without the drift check.</summary>
    public async Task<MigrationHistoryCheck> CheckMigrationsAsync(CancellationToken cancellationToken)
    {
        var history = await ReadHistoryAsync(cancellationToken);
        var migrationsAssembly = db.GetService<IMigrationsAssembly>();
        var provider = db.Database.ProviderName!;
        var applied = new List<AppliedMigration>();
        var mismatches = new List<ChecksumMismatch>();
        var notRecorded = new List<string>();
        foreach (var row in history)
        {
            var inCode = migrationsAssembly.Migrations.ContainsKey(row.Id);
            applied.Add(new AppliedMigration(row.Id, row.AppliedAt, row.RecordedWith, row.Checksum, inCode));
            if (!inCode)
            {
                continue;
            }

            if (row.Checksum is null)
            {
                notRecorded.Add(row.Id);
                continue;
            }

            var current = MigrationChecksum.Of(migrationsAssembly, row.Id, provider);
            if (!string.Equals(current, row.Checksum, StringComparison.Ordinal))
            {
                mismatches.Add(new ChecksumMismatch(row.Id, row.Checksum, current, row.AppliedAt));
            }
        }

        var appliedIds = history.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var pending = migrationsAssembly.Migrations.Keys.Where(id => !appliedIds.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var notInCode = applied.Where(a => !a.IsInCode).Select(a => a.Id).ToList();
        return new MigrationHistoryCheck(history.Count > 0, applied, pending, notInCode, notRecorded, mismatches);
    }

    private sealed record HistoryRow(string Id, string? Checksum, DateTimeOffset? AppliedAt, ChecksumRecordedWith? RecordedWith);

    private async Task<List<HistoryRow>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var historyTable = db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsHistoryTableName
                           ?? HistoryRepository.DefaultTableName;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            bool hasHistory, hasChecksums;
            await using (var exists = new NpgsqlCommand(
                             "SELECT to_regclass(quote_ident($1)) IS NOT NULL, to_regclass(quote_ident($2)) IS NOT NULL", connection))
            {
                exists.Parameters.Add(new NpgsqlParameter { Value = historyTable });
                exists.Parameters.Add(new NpgsqlParameter { Value = MigrationChecksumTable.Name });
                await using var reader = await exists.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (hasHistory, hasChecksums) = (reader.GetBoolean(0), reader.GetBoolean(1));
            }

            if (!hasHistory)
            {
                return [];
            }

            var sql = hasChecksums
                ? $"""
                   SELECT h."MigrationId", c."Checksum", c."AppliedAt", c."RecordedWith"
                   FROM "{historyTable}" h LEFT JOIN "{MigrationChecksumTable.Name}" c ON c."MigrationId" = h."MigrationId"
                   ORDER BY h."MigrationId"
                   """
                : $"""SELECT "MigrationId", NULL::text, NULL::timestamptz, NULL::text FROM "{historyTable}" ORDER BY "MigrationId" """;
            await using var command = new NpgsqlCommand(sql, connection);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var history = new List<HistoryRow>();
            while (await rows.ReadAsync(cancellationToken))
            {
                history.Add(new HistoryRow(
                    rows.GetString(0),
                    rows.IsDBNull(1) ? null : rows.GetString(1).Trim(),
                    rows.IsDBNull(2) ? null : rows.GetFieldValue<DateTimeOffset>(2),
                    rows.IsDBNull(3) ? null : Enum.TryParse<ChecksumRecordedWith>(rows.GetString(3), out var how) ? how : null));
            }

            return history;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
