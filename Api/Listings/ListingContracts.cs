using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Listings;

/// <summary>
/// A listing as its seller writes it, for creating (POST) and replacing (PUT). The category is <c>categorySlug</c> (any
/// active category) or, for older clients, the legacy <c>category</c>; given both, they must agree. The seller is always
/// the caller and is never read from the body.
/// </summary>
public sealed record ListingRequest : IValidatableObject
{
    [Required, StringLength(Listing.TitleMaxLength, MinimumLength = 1)]
    public string Title { get; init; } = "";

    [Required, StringLength(Listing.DescriptionMaxLength, MinimumLength = 1)]
    public string Description { get; init; } = "";

    /// <summary>
    /// In the marketplace's one currency (the <c>currency</c> every listing answers with), at most two decimal places:
    /// a decimal string such as "24.50", or a JSON number.
    /// </summary>
    [Required, PriceRange, MaxDecimalPlaces(2), JsonConverter(typeof(PriceJsonConverter))]
    public decimal? Price { get; init; }

    /// <summary>The slug of an active category, e.g. <c>home-and-garden</c> or one of its subcategories.</summary>
    [StringLength(Data.Entities.Category.SlugMaxLength)]
    public string? CategorySlug { get; init; }

    /// <summary>The legacy fixed category, for clients that predate the category tree.</summary>
    public ListingCategory? Category { get; init; }

    /// <summary>Draft, Active or Sold. A new listing is Active unless this says otherwise; on PUT, leaving it out keeps the current status.</summary>
    public ListingStatus? Status { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(CategorySlug) && Category is null)
        {
            yield return new ValidationResult(
                "Give categorySlug (a slug from GET /api/categories) or the legacy category.", [nameof(CategorySlug)]);
        }

        if (Status == ListingStatus.Archived)
        {
            yield return new ValidationResult("A listing is archived with DELETE, not by setting its status.", [nameof(Status)]);
        }
    }
}

/// <summary>A price as the numeric(12,2) column can hold it: 0 to 9,999,999,999.99.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PriceRangeAttribute : RangeAttribute
{
    public PriceRangeAttribute()
        : base(typeof(decimal), "0", Listing.MaxPrice.ToString(CultureInfo.InvariantCulture))
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}

/// <summary>Rejects a number with more decimal places than the column stores, instead of letting the database round it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxDecimalPlacesAttribute(int places) : ValidationAttribute($"The field {{0}} must have at most {places} decimal places.")
{
    public int Places { get; } = places;

    public override bool IsValid(object? value) => value is not decimal amount || decimal.Round(amount, Places) == amount;
}

/// <param name="Price">A decimal string with two places, in <paramref name="Currency"/>.</param>
/// <param name="Currency">The ISO 4217 code of the marketplace's one currency (setting <c>Marketplace:Currency</c>).</param>
/// <param name="RemovedAt">When an admin removed the listing; only its seller and admins see a removed listing.</param>
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
    DateTimeOffset? RemovedAt = null);

/// <summary>One page of a search; pass <c>nextCursor</c> back as <c>cursor</c> for the next page. It is null on the last page.</summary>
public sealed record ListingPage(IReadOnlyList<ListingResponse> Items, string? NextCursor);
