using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Listings;

/// <summary>A photo's new alt text: what a screen reader says instead of showing it.</summary>
public sealed record ImageAltTextRequest
{
    [Required, StringLength(ListingImageRules.AltTextMaxLength, MinimumLength = 1)]
    public string AltText { get; init; } = "";
}
