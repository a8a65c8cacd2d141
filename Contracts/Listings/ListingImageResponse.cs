namespace Marketplace.Contracts.Listings;

/// <summary>One photo of a listing.</summary>
/// <param name="Position">0 is the first photo, the one search results show.</param>
/// <param name="Width">The display rendition's width in pixels; null for an external image (one from before uploads).</param>
/// <param name="ThumbnailUrl">A path on the Api (<c>/api/images/...</c>) that never changes and may be cached forever; for an external image, its URL.</param>
/// <param name="DisplayUrl">As <paramref name="ThumbnailUrl"/>, at display size (at most 1280 pixels on the long side by default).</param>
/// <param name="External">True for an image copied from the listing's legacy image URLs: it has no renditions.</param>
public sealed record ListingImageResponse(
    long Id,
    int Position,
    string AltText,
    int? Width,
    int? Height,
    string ThumbnailUrl,
    string DisplayUrl,
    bool External);
