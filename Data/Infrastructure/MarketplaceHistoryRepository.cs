using Marketplace.Data.Schema;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Marketplace.Data.Infrastructure;

#pragma warning disable EF1001 // The Npgsql provider's own history repository is the one to extend.

/// <summary>
/// EF Core's history repository, plus the migration checksum side table. The checksum row is written by the same
/// SQL that writes the history row, so they commit together: inside the migration's transaction when EF Core uses
/// one, and as one implicit transaction (one batch) when a migration cannot run in a transaction. The Down path
/// deletes both the same way. Because this lives in the history repository, the worker, <c>dotnet ef database update</c>
/// and the idempotent script all record checksums.
/// </summary>
public sealed class MarketplaceHistoryRepository(
    HistoryRepositoryDependencies dependencies,
    IMigrationsAssembly migrationsAssembly)
    : NpgsqlHistoryRepository(dependencies)
{
    protected override IReadOnlyList<MigrationCommand> GetCreateCommands() =>
    [
        .. base.GetCreateCommands(),
        .. Dependencies.MigrationsSqlGenerator.Generate([new SqlOperation { Sql = MigrationChecksumTable.CreateSql }]),
    ];

    public override string GetInsertScript(HistoryRow row) =>
        GetInsertScript(row, ChecksumRecordedWith.Migration);

    /// <summary>The history row and its checksum row, recorded as <paramref name="recordedWith"/>.</summary>
    public string GetInsertScript(HistoryRow row, ChecksumRecordedWith recordedWith) =>
        base.GetInsertScript(row)
        + MigrationChecksumTable.UpsertSql(row.MigrationId, ChecksumOf(row.MigrationId), row.ProductVersion, recordedWith);

    public override string GetDeleteScript(string migrationId) =>
        base.GetDeleteScript(migrationId) + MigrationChecksumTable.DeleteSql(migrationId);

    private string ChecksumOf(string migrationId) =>
        MigrationChecksum.Of(migrationsAssembly, migrationId, Dependencies.CurrentContext.Context.Database.ProviderName!);
}
#pragma warning restore EF1001
