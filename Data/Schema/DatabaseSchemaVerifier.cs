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

    private async Task<IReadOnlyList<MigrationHistoryRow>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await MigrationHistoryReader.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), HistoryTableName(db), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static string HistoryTableName(DbContext context) =>
        context.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsHistoryTableName
        ?? HistoryRepository.DefaultTableName;
}
