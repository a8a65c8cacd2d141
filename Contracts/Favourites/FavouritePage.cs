namespace Marketplace.Contracts.Favourites;

/// <summary>One page of the caller's saved listings, latest saved first; pass <c>nextCursor</c> back as <c>cursor</c> for the next (null on the last).</summary>
public sealed record FavouritePage(IReadOnlyList<FavouriteResponse> Items, string? NextCursor);
