namespace Marketplace.Data.Entities;

/// <summary>
/// A listing published after a search was saved that the search finds: recorded once by the alert job, and marked
/// when an alert mail about it was queued, in the same transaction as that mail, so no restart mails it twice.
/// </summary>
public sealed class SavedSearchMatch
{
    public long SavedSearchId { get; set; }
    public SavedSearch? SavedSearch { get; set; }

    public long ListingId { get; set; }
    public Listing? Listing { get; set; }

    public DateTimeOffset MatchedAt { get; set; }

    /// <summary>When it was dealt with for alerts: mailed (see <see cref="OutboxMailId"/>) or passed over (alerts off, the listing gone).</summary>
    public DateTimeOffset? AlertedAt { get; set; }

    /// <summary>The alert mail that named it. No foreign key: sent mails are purged after a week, this record stays.</summary>
    public Guid? OutboxMailId { get; set; }
}
