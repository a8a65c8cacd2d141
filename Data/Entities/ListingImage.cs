namespace Marketplace.Data.Entities;

/// <summary>
/// One photo of a listing, at its place in the listing's order. An uploaded photo is stored as renditions in blob
/// storage, named by the SHA-256 of the uploaded bytes (<see cref="ContentHash"/>), so a rendition's URL never changes;
/// a photo backfilled from the legacy <see cref="Listing.ImageUrls"/> is external: no renditions, only its URL.
/// </summary>
public sealed class ListingImage : ITimestamped
{
    /// <summary>A SHA-256 in lowercase hex.</summary>
    public const int ContentHashLength = 64;
    public const int BlobNameMaxLength = 200;

    public long Id { get; set; }
    public long ListingId { get; set; }
    public Listing? Listing { get; set; }

    /// <summary>0 is the first photo, the one search results show.</summary>
    public int Position { get; set; }

    /// <summary>The SHA-256 of the uploaded file's bytes; null for an external image.</summary>
    public string? ContentHash { get; set; }

    public string? ThumbnailBlobName { get; set; }
    public string? DisplayBlobName { get; set; }

    /// <summary>The display rendition's size in pixels (null for an external image: nobody measured it).</summary>
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int? ThumbnailWidth { get; set; }
    public int? ThumbnailHeight { get; set; }

    /// <summary>The uploaded file's length in bytes.</summary>
    public long? OriginalBytes { get; set; }

    /// <summary>The legacy URL an external image is served as; null for an uploaded one.</summary>
    public string? ExternalUrl { get; set; }

    public required string AltText { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
