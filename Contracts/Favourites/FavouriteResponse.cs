using System.Text.Json.Serialization;
using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.Favourites;

/// <summary>A listing the caller saved, as it is now: still for sale, sold, archived by its seller, or removed by an admin.</summary>
/// <param name="Price">A decimal string with two places, in <paramref name="Currency"/>.</param>
/// <param name="Removed">An admin removed it: only its title is left to show.</param>
/// <param name="ThumbnailUrl">Its first photo's thumbnail while buyers can see it; null otherwise.</param>
public sealed record FavouriteResponse(
    long ListingId,
    string Title,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal Price,
    string Currency,
    ListingStatus Status,
    bool Removed,
    ItemCondition? Condition,
    string? ThumbnailUrl,
    DateTimeOffset SavedAt);
