namespace Marketplace.SchemaGuard.History;

/// <summary>How a checksum came to be recorded; <c>status</c> shows it next to each applied migration.</summary>
public enum ChecksumRecordedWith
{
    /// <summary>In the same statement batch as the migration's history row, when the migration was applied.</summary>
    Migration,

    /// <summary>By <c>baseline</c>, for a database whose schema was made without migrations.</summary>
    Baseline,

    /// <summary>Once, for a migration applied before checksums were kept; when it was applied is unknown.</summary>
    FirstValidation,
}
