namespace Marketplace.Data.Entities;

/// <summary>
/// A signed-in user's report that a listing breaks the rules, open until an admin resolves it. A user has at most one
/// open report per listing (a unique index over the open ones); once it is resolved they may report the listing again.
/// </summary>
public sealed class ListingReport : IResolvableReport
{
    public long Id { get; set; }

    public long ListingId { get; set; }
    public Listing? Listing { get; set; }

    public Guid ReporterId { get; set; }
    public User? Reporter { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an admin resolved it; null while it is open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The admin who resolved it. No foreign key, as for <see cref="Listing.RemovedById"/>: the audit row holds the admin by key.</summary>
    public Guid? ResolvedById { get; set; }

    public string? ResolutionNote { get; set; }
}
