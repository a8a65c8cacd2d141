namespace Marketplace.Contracts.Listings;

/// <summary>One page of a search; pass <c>nextCursor</c> back as <c>cursor</c> for the next page. It is null on the last page.</summary>
public sealed record ListingPage(IReadOnlyList<ListingResponse> Items, string? NextCursor);
