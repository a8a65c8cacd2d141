using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Marketplace.Contracts.Categories;

namespace Marketplace.Contracts.Listings;

/// <summary>
/// A listing as its seller writes it, for creating (POST) and replacing (PUT). The category is <c>categorySlug</c> (any
/// active category) or, for older clients, the legacy <c>category</c>; given both, they must agree. The seller is always
/// the caller and is never read from the body.
/// </summary>
public sealed record ListingRequest : IValidatableObject
{
    [Required, StringLength(ListingRules.TitleMaxLength, MinimumLength = 1)]
    public string Title { get; init; } = "";

    [Required, StringLength(ListingRules.DescriptionMaxLength, MinimumLength = 1)]
    public string Description { get; init; } = "";

    /// <summary>
    /// In the marketplace's one currency (the <c>currency</c> every listing answers with), at most two decimal places:
    /// a decimal string such as "24.50", or a JSON number.
    /// </summary>
    [Required, PriceRange, MaxDecimalPlaces(2), JsonConverter(typeof(PriceJsonConverter))]
    public decimal? Price { get; init; }

    /// <summary>The slug of an active category, e.g. <c>home-and-garden</c> or one of its subcategories.</summary>
    [CategoryGiven, StringLength(CategoryRules.SlugMaxLength)]
    public string? CategorySlug { get; init; }

    /// <summary>The legacy fixed category, for clients that predate the category tree.</summary>
    public ListingCategory? Category { get; init; }

    /// <summary>
    /// The item's condition. Optional for now, so that clients written before it keep working: a new listing without one
    /// has not stated it, and a replacement without one keeps the listing's. The Web requires it for new listings.
    /// </summary>
    public ItemCondition? Condition { get; init; }

    /// <summary>Draft, Active or Sold. A new listing is Active unless this says otherwise; on PUT, leaving it out keeps the current status.</summary>
    public ListingStatus? Status { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status == ListingStatus.Archived)
        {
            yield return new ValidationResult("A listing is archived with DELETE, not by setting its status.", [nameof(Status)]);
        }
    }
}
