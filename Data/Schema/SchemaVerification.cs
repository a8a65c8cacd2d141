namespace Marketplace.Data.Schema;

/// <summary>A migration recorded in the history table, with what the checksum side table knows about it.</summary>
public sealed record AppliedMigration(
    string Id,
    DateTimeOffset? AppliedAt,
    ChecksumRecordedWith? RecordedWith,
    string? Checksum,
    bool IsInCode);

/// <summary>An applied migration whose operations are no longer the ones that were applied.</summary>
public sealed record ChecksumMismatch(string MigrationId, string RecordedChecksum, string CurrentChecksum, DateTimeOffset? AppliedAt)
{
    public string Description =>
        $"migration {MigrationId} was changed after it was applied: its checksum was {RecordedChecksum[..12]}… when applied and is {CurrentChecksum[..12]}… in this build";
}

/// <summary>The migration history against this build's migrations, and each applied migration's checksum against its code.</summary>
public sealed record MigrationHistoryCheck(
    bool HasHistory,
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> AppliedNotInCode,
    IReadOnlyList<string> ChecksumsNotRecorded,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches);

/// <summary>
/// Whether the database is what this build's code expects: no pending migration, no applied migration changed since,
/// and no schema drift. The worker's <c>status</c> and the Api's readiness check both read it.
/// </summary>
public sealed record SchemaVerification(
    bool HasHistory,
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> AppliedNotInCode,
    IReadOnlyList<string> ChecksumsNotRecorded,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches,
    SchemaDriftReport Drift)
{
    public bool IsCurrent => Pending.Count == 0 && ChecksumMismatches.Count == 0 && !Drift.HasDrift;

    /// <summary>The schema exists but no migration was ever recorded: EnsureCreated, scripts or a <c>db push</c> made it.</summary>
    public bool MadeWithoutMigrations => !HasHistory && Drift.ModelTablesInDatabase > 0;

    /// <summary>Every reason the database is not current, one sentence each: pending migrations, changed migrations, drift.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. Pending.Select(id => $"migration {id} is pending"),
        .. ChecksumMismatches.Select(m => m.Description),
        .. Drift.Differences.Select(d => d.Description),
    ];
}
