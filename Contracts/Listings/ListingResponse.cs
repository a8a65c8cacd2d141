using System.Text.Json.Serialization;

namespace Marketplace.Contracts.Listings;

/// <param name="Price">A decimal string with two places, in <paramref name="Currency"/>.</param>
/// <param name="Currency">The ISO 4217 code of the marketplace's one currency (setting <c>Marketplace:Currency</c>).</param>
/// <param name="RemovedAt">When an admin removed the listing; only its seller and admins see a removed listing.</param>
/// <param name="ThumbnailUrl">The first photo's thumbnail; null when the listing has no photo.</param>
/// <param name="Images">The listing's photos in order; in search results null (they carry only the first thumbnail).</param>
/// <param name="Condition">The item's condition; null when its seller has not stated it (listings made before it was asked).</param>
/// <param name="FavouriteCount">How many accounts keep the listing in their saved listings; only in the seller's own list (<c>GET /api/me/listings</c>).</param>
/// <param name="Seller">The seller's name and joining date; only in the listing's own answer (<c>GET /api/listings/{id}</c>).</param>
public sealed record ListingResponse(
    long Id,
    string Title,
    string Description,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal Price,
    string Currency,
    int? CategoryId,
    string? CategorySlug,
    ListingCategory Category,
    ListingStatus Status,
    Guid SellerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RemovedAt = null,
    string? ThumbnailUrl = null,
    IReadOnlyList<ListingImageResponse>? Images = null,
    ItemCondition? Condition = null,
    int? FavouriteCount = null,
    ListingSellerResponse? Seller = null);
