namespace Marketplace.SchemaGuard.Verification;

/// <summary>An applied migration whose operations are no longer the ones that were applied.</summary>
public sealed record ChecksumMismatch(string MigrationId, string RecordedChecksum, string CurrentChecksum, DateTimeOffset? AppliedAt)
{
    public string Description =>
        $"migration {MigrationId} was changed after it was applied: its checksum was {RecordedChecksum[..12]}… when applied and is {CurrentChecksum[..12]}… in this build";
}
