namespace Marketplace.Contracts.Listings;

/// <summary>The search's query string as bound, before validation.</summary>
public sealed record ListingSearchQuery(
    string? CategorySlug,
    ListingCategory? Category,
    ListingStatus? Status,
    decimal? MinPrice,
    decimal? MaxPrice,
    Guid? SellerId,
    string? Q,
    string? Sort,
    string? Cursor,
    int? Limit,
    ItemCondition? Condition = null);
