namespace Marketplace.SchemaGuard.Verification;

/// <summary>
/// What one round trip tells about a database without building a model: its fingerprint, and when this build verified
/// it in exactly this state, if it ever did.
/// </summary>
/// <param name="Fingerprint">Null when a table the read needs is missing (no history yet).</param>
/// <param name="VerifiedAt">When this build's stamp vouches for the database as it is now; null when no stamp matches.</param>
/// <param name="CallerCheck">The caller's own boolean statement, asked in the same round trip; null when it was not asked or could not run.</param>
public sealed record StampReading(string? Fingerprint, DateTimeOffset? VerifiedAt, bool? CallerCheck)
{
    /// <summary>This build verified the database current in exactly its present state.</summary>
    public bool IsVerified => VerifiedAt is not null;
}
