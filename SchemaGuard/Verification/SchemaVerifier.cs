using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketplace.SchemaGuard.Verification;

/// <summary>
/// Answers "can this build's code run on this database?" without changing it: the migration history against the
/// build's migrations, each applied migration's recorded checksum against its code, and the live schema against the
/// model (<see cref="SchemaDriftDetector"/>). Read-only, so the Api can run it on an interval; stamping is separate
/// (<see cref="RecordStampAsync"/>).
/// </summary>
public sealed class SchemaVerifier(SchemaDriftDetector driftDetector, GuardedContext guarded)
{
    /// <summary>History, checksums and drift against the model of this build.</summary>
    public async Task<SchemaVerification> VerifyAsync(DbContext context, CancellationToken cancellationToken)
    {
        var history = await ReadHistoryAsync(context, cancellationToken);
        var drift = await driftDetector.DetectAsync(context, cancellationToken);
        return Verification(context, history, drift);
    }

    /// <summary>History and checksums only: what can be judged before any migration is applied.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "One verifier answers every question; callers should not need to know which needs no state.")]
    public async Task<SchemaVerification> VerifyHistoryAsync(DbContext context, CancellationToken cancellationToken) =>
        Verification(context, await ReadHistoryAsync(context, cancellationToken), drift: null);

    /// <summary>
    /// Compares the live schema with what its history says it is: the target model of the last applied migration. Null
    /// when the history names no migration of this build to compare with (none applied, or the last is not in this build).
    /// </summary>
    public async Task<SchemaDriftReport?> DetectDriftFromHistoryAsync(DbContext context, SchemaVerification history, CancellationToken cancellationToken)
    {
        if (history.Applied.Count == 0 || history.Applied[^1] is not { IsInCode: true } last)
        {
            return null;
        }

        if (CompiledMigrations.Create(context, last.Id).TargetModel is not { } targetModel)
        {
            return null;
        }

        // As EF Core's migrator does: a migration's target model describes tables only once initialised for design time.
        var target = context.GetService<IModelRuntimeInitializer>().Initialize(targetModel, designTime: true, validationLogger: null);
        return await driftDetector.DetectAsync(context, target, cancellationToken);
    }

    /// <summary>
    /// Records that this build found the database current, with the fingerprint of exactly what the verification compared;
    /// false when it was not current, or when checksums are still to be recorded (which will change the fingerprint).
    /// </summary>
    public async Task<bool> RecordStampAsync(DbContext context, SchemaVerification verification, CancellationToken cancellationToken)
    {
        if (!verification.IsCurrent || verification.ChecksumsNotRecorded.Count > 0 || verification.Fingerprint is not { } fingerprint)
        {
            return false;
        }

        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)context.Database.GetDbConnection();
            await SchemaStamp.RecordAsync(connection, guarded.BuildKey, fingerprint, cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        return true;
    }

    private static SchemaVerification Verification(
        DbContext context, (IReadOnlyList<MigrationHistoryRow> Rows, string? Fingerprint) read, SchemaDriftReport? drift)
    {
        var history = read.Rows;
        var migrations = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        var applied = new List<AppliedMigration>();
        var mismatches = new List<ChecksumMismatch>();
        foreach (var row in history)
        {
            var inCode = migrations.Migrations.ContainsKey(row.Id);
            applied.Add(new AppliedMigration(row.Id, row.AppliedAt, row.RecordedWith, row.Checksum, inCode));
            if (!inCode || row.Checksum is null)
            {
                continue;
            }

            var current = MigrationChecksum.Of(migrations, row.Id, provider);
            if (!string.Equals(current, row.Checksum, StringComparison.Ordinal))
            {
                mismatches.Add(new ChecksumMismatch(row.Id, row.Checksum, current, row.AppliedAt));
            }
        }

        var appliedIds = history.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var pending = migrations.Migrations.Keys.Where(id => !appliedIds.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var fingerprint = drift is null || read.Fingerprint is null ? null : SchemaStamp.Fingerprint(drift.Fingerprint, read.Fingerprint);
        return new SchemaVerification(applied, pending, mismatches, drift, fingerprint);
    }

    private static async Task<(IReadOnlyList<MigrationHistoryRow> Rows, string? Fingerprint)> ReadHistoryAsync(DbContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await MigrationHistoryTable.ReadAsync(
                (NpgsqlConnection)context.Database.GetDbConnection(),
                context.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
                cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
