using System.Text.Json.Serialization;
using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.SavedSearches;

/// <summary>A saved search as its unsubscribe link shows it, to whoever holds the link: its filters and its alerts, nothing of its owner.</summary>
public sealed record AlertSubscriptionResponse(
    long SavedSearchId,
    string? Q,
    string? CategorySlug,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal? MinPrice,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal? MaxPrice,
    ItemCondition? Condition,
    AlertFrequency Alerts);
