using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;

namespace Marketplace.Contracts.SavedSearches;

/// <summary>A search to keep, with the search's own filters (each optional, as on <c>GET /api/listings</c>), and its alerts.</summary>
public sealed record SavedSearchRequest
{
    /// <summary>Words, in the search's web-search syntax.</summary>
    [StringLength(ListingRules.QueryMaxLength)]
    public string? Q { get; init; }

    /// <summary>A category; the search covers its subcategories too.</summary>
    [StringLength(CategoryRules.SlugMaxLength)]
    public string? CategorySlug { get; init; }

    [PriceRange, MaxDecimalPlaces(2), JsonConverter(typeof(PriceJsonConverter))]
    public decimal? MinPrice { get; init; }

    [PriceRange, MaxDecimalPlaces(2), JsonConverter(typeof(PriceJsonConverter))]
    public decimal? MaxPrice { get; init; }

    public ItemCondition? Condition { get; init; }

    /// <summary>Off (the default), Immediate or Daily.</summary>
    public AlertFrequency? Alerts { get; init; }
}
