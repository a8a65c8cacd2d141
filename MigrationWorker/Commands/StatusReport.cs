using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Verification;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>The shape of <c>status --json</c>; a contract with users' scripts.</summary>
public sealed record StatusReport(
    string Database,
    bool IsCurrent,
    int ExitCode,
    bool HasHistory,
    bool MadeWithoutMigrations,
    IReadOnlyList<StatusReport.Applied> AppliedMigrations,
    IReadOnlyList<string> PendingMigrations,
    IReadOnlyList<string> AppliedNotInCode,
    IReadOnlyList<ChecksumMismatch> ChecksumMismatches,
    StatusReport.DriftReport Drift,
    IReadOnlyList<StatusReport.Difference>? DriftFromHistory)
{
    public sealed record Applied(string Id, DateTimeOffset? AppliedAt, string? RecordedWith, string? Checksum, bool IsInCode);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Same word as SchemaDrift:Allow's Object.")]
    public sealed record Difference(string Object, string Description, string? Reason = null);

    public sealed record DriftReport(IReadOnlyList<Difference> Differences, IReadOnlyList<Difference> Acknowledged, double ElapsedMs);

    /// <param name="fromHistory">Differences from what the history says, when migrations are pending; null otherwise.</param>
    public static StatusReport From(string database, SchemaVerification verification, SchemaDriftReport? fromHistory, int exitCode) => new(
        database,
        verification.IsCurrent,
        exitCode,
        verification.HasHistory,
        verification.MadeWithoutMigrations,
        [.. verification.Applied.Select(a => new Applied(a.Id, a.AppliedAt, a.RecordedWith?.ToString(), a.Checksum, a.IsInCode))],
        verification.Pending,
        verification.AppliedNotInCode,
        verification.ChecksumMismatches,
        new DriftReport(
            [.. verification.Drift!.Differences.Select(d => new Difference(d.Object, d.Description))],
            [.. verification.Drift.Acknowledged.Select(a => new Difference(a.Difference.Object, a.Difference.Description, a.Reason))],
            verification.Drift.Elapsed.TotalMilliseconds),
        fromHistory is null ? null : [.. fromHistory.Differences.Select(d => new Difference(d.Object, d.Description))]);
}
