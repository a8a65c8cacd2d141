using Marketplace.SchemaGuard.Drift;

namespace Marketplace.SchemaGuard.Verification;

/// <summary>
/// Whether a database is what this build's code expects: the migration history against the build's migrations, each
/// applied migration's checksum against its code, and (unless only the history was asked for) the live schema against
/// the model. The worker's commands, the Api's readiness and the stamp all read this one result.
/// </summary>
/// <param name="Drift">The comparison with the model; null when only the history was verified.</param>
/// <param name="Fingerprint">The stamp's fingerprint of exactly what was compared (catalog and history); null with <paramref name="Drift"/>.</param>
public sealed record SchemaVerification(
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches,
    SchemaDriftReport? Drift,
    string? Fingerprint)
{
    public bool HasHistory => Applied.Count > 0;

    /// <summary>Applied migrations this build does not have: the database is ahead of the code.</summary>
    public IReadOnlyList<string> AppliedNotInCode => [.. Applied.Where(a => !a.IsInCode).Select(a => a.Id)];

    /// <summary>Applied migrations of this build with no checksum recorded (applied before checksums were kept).</summary>
    public IReadOnlyList<string> ChecksumsNotRecorded => [.. Applied.Where(a => a.IsInCode && a.Checksum is null).Select(a => a.Id)];

    public bool HasDrift => Drift is { HasDrift: true };

    /// <summary>No pending migration, no applied one changed since, and the schema compared equal to the model.</summary>
    public bool IsCurrent => Pending.Count == 0 && ChecksumMismatches.Count == 0 && Drift is { HasDrift: false };

    /// <summary>The schema exists but no migration was ever recorded: EnsureCreated, scripts or a <c>db push</c> made it.</summary>
    public bool MadeWithoutMigrations => !HasHistory && Drift?.ModelTablesInDatabase > 0;

    /// <summary>Every reason the database is not current, one sentence each: pending migrations, changed migrations, drift.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. Pending.Select(id => $"migration {id} is pending"),
        .. ChecksumMismatches.Select(m => m.Description),
        .. (Drift?.Differences ?? []).Select(d => d.Description),
    ];
}
