using System.Text.Json.Serialization;
using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.SavedSearches;

/// <summary>A saved search: its filters, its alerts, and how many listings it found since its owner last opened it.</summary>
/// <param name="CategorySlug">Null for every category, and for a category deactivated since.</param>
/// <param name="NewMatches">Listings published since <paramref name="LastVisitedAt"/> that it finds and buyers can still see.</param>
public sealed record SavedSearchResponse(
    long Id,
    string? Q,
    string? CategorySlug,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal? MinPrice,
    [property: JsonConverter(typeof(PriceJsonConverter))] decimal? MaxPrice,
    ItemCondition? Condition,
    AlertFrequency Alerts,
    int NewMatches,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastVisitedAt);
