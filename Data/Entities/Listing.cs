namespace Marketplace.Data.Entities;

public sealed class Listing : ITimestamped
{
    public const int AiModelMaxLength = 100;
    public const int MaxImageUrls = 20;
    public const int ImageUrlMaxLength = 2048;

    public long Id { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public decimal Price { get; set; }

    /// <summary>The legacy fixed category (column <c>Category</c>); still required, kept in step with <see cref="CategoryId"/>.</summary>
    public ListingCategory LegacyCategory { get; set; }

    public int? CategoryId { get; set; }
    public Category? Category { get; set; }

    public ListingStatus Status { get; set; } = ListingStatus.Draft;

    /// <summary>The item's condition as its seller states it; null for listings made before sellers were asked ("not stated").</summary>
    public ItemCondition? Condition { get; set; }

    /// <summary>
    /// Set when the listing becomes visible to buyers (created active, or published), cleared once the alert job has
    /// matched it against the saved searches; a partial index holds only the listings still waiting.
    /// </summary>
    public DateTimeOffset? MatchPendingSince { get; set; }

    public Guid SellerId { get; set; }
    public User? Seller { get; set; }

    /// <summary>Legacy: photo URLs from before <see cref="ListingImage"/>. Nothing reads or writes it any more; the worker
    /// copies its URLs into external images, and a later contract step drops it.</summary>
    public List<string> ImageUrls { get; set; } = [];

    public List<ListingImage> Images { get; set; } = [];

    /// <summary>
    /// When an admin removed the listing: hidden from search and from everyone but its seller and admins. Removal is
    /// marked by these columns rather than a <c>listing_status</c> label, which the previous Api version could not read.
    /// </summary>
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The admin who removed it. No foreign key: its audit-log row holds the admin by key, and accounts are never deleted.</summary>
    public Guid? RemovedById { get; set; }

    public string? RemovalReason { get; set; }

    /// <summary>
    /// When an admin suspended the listing's seller: hidden, as a removed listing is, until they are reinstated. Kept on
    /// each listing with the suspension (rather than read from the seller's row) so that a search filters on a column of
    /// its own table, which its partial indexes hold. Its own column, so that reinstating restores exactly what was.
    /// </summary>
    public DateTimeOffset? SellerSuspendedAt { get; set; }

    public bool IsAiGenerated { get; set; }
    public string? AiModel { get; set; }
    public DateTimeOffset? AiProcessedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
