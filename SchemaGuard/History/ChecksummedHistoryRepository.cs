using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Marketplace.SchemaGuard.History;

#pragma warning disable EF1001 // The Npgsql provider's own history repository is the one to extend.

/// <summary>
/// EF Core's history repository, plus the checksum side table (<see cref="MigrationHistoryTable"/>). The checksum row is
/// written by the same SQL that writes the history row, so they commit together: inside the migration's transaction
/// when EF Core uses one, and as one implicit transaction (one batch) when a migration cannot run in a transaction. The
/// Down path deletes both the same way.
/// </summary>
public sealed class ChecksummedHistoryRepository(
    HistoryRepositoryDependencies dependencies,
    IMigrationsAssembly migrationsAssembly)
    : NpgsqlHistoryRepository(dependencies)
{
    protected override IReadOnlyList<MigrationCommand> GetCreateCommands() =>
    [
        .. base.GetCreateCommands(),
        .. Dependencies.MigrationsSqlGenerator.Generate([new SqlOperation { Sql = MigrationHistoryTable.CreateChecksumTableSql }]),
    ];

    public override string GetInsertScript(HistoryRow row) =>
        GetInsertScript(row, ChecksumRecordedWith.Migration);

    /// <summary>The history row and its checksum row, recorded as <paramref name="recordedWith"/>.</summary>
    public string GetInsertScript(HistoryRow row, ChecksumRecordedWith recordedWith) =>
        base.GetInsertScript(row)
        + MigrationHistoryTable.UpsertChecksumSql(row.MigrationId, ChecksumOf(row.MigrationId), row.ProductVersion, recordedWith);

    /// <summary>Checksum rows, recorded once, for migrations applied before checksums were kept; existing rows are left alone.</summary>
    public string GetFirstValidationScript(IEnumerable<string> migrationIds) => string.Concat(migrationIds.Select(id =>
        MigrationHistoryTable.UpsertChecksumSql(id, ChecksumOf(id), ProductInfo.GetVersion(), ChecksumRecordedWith.FirstValidation)));

    public override string GetDeleteScript(string migrationId) =>
        base.GetDeleteScript(migrationId) + MigrationHistoryTable.DeleteChecksumSql(migrationId);

    private string ChecksumOf(string migrationId) =>
        MigrationChecksum.Of(migrationsAssembly, migrationId, Dependencies.CurrentContext.Context.Database.ProviderName!);
}
#pragma warning restore EF1001
