using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>Settings under <c>Marketplace</c>: what holds for every listing.</summary>
public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>
    /// The one currency every price is in, as its ISO 4217 code; every price the Api answers carries it. Prices are
    /// stored with two decimal places, so the currency must have two minor units.
    /// </summary>
    [Required(ErrorMessage = "Marketplace:Currency must be set to an ISO 4217 currency code such as EUR.")]
    [Iso4217Currency]
    public string Currency { get; set; } = "EUR";
}
