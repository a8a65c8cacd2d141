using Npgsql;

namespace Marketplace.Data.Schema;

/// <summary>One row of <c>__EFMigrationsHistory</c> with what the checksum side table recorded for it.</summary>
internal sealed record MigrationHistoryRow(string Id, string? Checksum, DateTimeOffset? AppliedAt, ChecksumRecordedWith? RecordedWith);

/// <summary>Reads the history with its checksums in plain SQL (no EF Core model), tolerating either table's absence.</summary>
internal static class MigrationHistoryReader
{
    public static async Task<IReadOnlyList<MigrationHistoryRow>> ReadAsync(
        NpgsqlConnection connection, string historyTable, CancellationToken cancellationToken)
    {
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
        var history = new List<MigrationHistoryRow>();
        while (await rows.ReadAsync(cancellationToken))
        {
            history.Add(new MigrationHistoryRow(
                rows.GetString(0),
                rows.IsDBNull(1) ? null : rows.GetString(1).Trim(),
                rows.IsDBNull(2) ? null : rows.GetFieldValue<DateTimeOffset>(2),
                rows.IsDBNull(3) ? null : Enum.TryParse<ChecksumRecordedWith>(rows.GetString(3), out var how) ? how : null));
        }

        return history;
    }
}
