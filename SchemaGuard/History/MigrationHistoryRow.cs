namespace Marketplace.SchemaGuard.History;

/// <summary>One row of EF Core's history table with what the checksum side table recorded for it.</summary>
public sealed record MigrationHistoryRow(string Id, string? Checksum, DateTimeOffset? AppliedAt, ChecksumRecordedWith? RecordedWith);
