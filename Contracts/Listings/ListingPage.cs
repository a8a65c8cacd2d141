namespace Marketplace.Contracts.Listings;

/// <summary>
/// One page of a list of listings. Pass <c>nextCursor</c> back as <c>cursor</c> for the next page (null on the last page),
/// <c>previousCursor</c> for the page before (null on the first page).
/// </summary>
public sealed record ListingPage(IReadOnlyList<ListingResponse> Items, string? NextCursor, string? PreviousCursor = null);
