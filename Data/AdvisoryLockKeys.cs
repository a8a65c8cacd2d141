namespace Marketplace.Data;

/// <summary>
/// Every PostgreSQL advisory-lock key the marketplace takes, in one place, so that no two uses share a key by accident
/// (a test checks they are distinct). A key is eight ASCII bytes read as a big-endian bigint, which makes it readable in
/// <c>pg_locks</c> (<c>classid</c> the first four bytes, <c>objid</c> the last four). A new job that must run on one
/// replica at a time (saved-search alerts, say) adds its key here.
/// </summary>
public static class AdvisoryLockKeys
{
    /// <summary>"Marketpl": the migration worker's whole run (migrate, seed, backfill), one worker at a time.</summary>
    public const long Migration = 0x4D61726B6574706C;

    /// <summary>"MktCatMv": category moves, transaction-scoped, so two moves cannot together make a cycle.</summary>
    public const long CategoryTree = 0x4D6B744361744D76;

    /// <summary>"mktclean": the Api's clean-up of used and expired tokens, one replica at a time.</summary>
    public const long TokenCleanup = 0x6D6B74636C65616E;

    /// <summary>"mktimage": the Api's sweep of blobs no image row names, one replica at a time.</summary>
    public const long OrphanImageSweep = 0x6D6B74696D616765;

    /// <summary>"mktpurge": the Api's purge of sent, dead and dropped outbox mails, one replica at a time.</summary>
    public const long OutboxPurge = 0x6D6B747075726765;

    /// <summary>"mktalert": the Api's saved-search alerts (matching new listings, queueing alert mails), one replica at a time.</summary>
    public const long SearchAlerts = 0x6D6B74616C657274;

    /// <summary>
    /// "mkvm": the first half of the two-key, transaction-scoped lock the outbox sender takes per account (the second half
    /// is a hash of the account's id) while it mints a verification link, so that two replicas sending two of one account's
    /// verification mails cannot both leave a working link. PostgreSQL keeps two-key locks apart from one-key locks.
    /// </summary>
    public const int VerificationMailClass = 0x6D6B766D;
}
