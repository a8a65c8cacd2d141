using Marketplace.SchemaGuard.History;

namespace Marketplace.SchemaGuard.Verification;

/// <summary>A migration recorded in the history table, with what the checksum side table knows about it.</summary>
public sealed record AppliedMigration(
    string Id,
    DateTimeOffset? AppliedAt,
    ChecksumRecordedWith? RecordedWith,
    string? Checksum,
    bool IsInCode);
