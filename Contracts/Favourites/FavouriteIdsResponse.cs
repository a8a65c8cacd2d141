namespace Marketplace.Contracts.Favourites;

/// <summary>Which of the listings asked about the caller has saved (a page of cards shows each one's heart).</summary>
public sealed record FavouriteIdsResponse(IReadOnlyList<long> ListingIds);
