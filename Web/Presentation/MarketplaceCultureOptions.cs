using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Settings under <c>Marketplace</c>: the one culture the pages write prices and dates in (the marketplace has one
/// currency, which the Api names; this says how a person here reads an amount of it).
/// </summary>
public sealed class MarketplaceCultureOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>A culture name such as en-IE (the default: "€1,250.00", "3 March 2026").</summary>
    [Required(ErrorMessage = "Marketplace:Culture must name a culture, such as en-IE.")]
    [CustomValidation(typeof(MarketplaceCultureOptions), nameof(ValidateCulture))]
    public string Culture { get; set; } = "en-IE";

    public static ValidationResult? ValidateCulture(string? culture, ValidationContext context)
    {
        try
        {
            return culture is { Length: > 0 } && !CultureInfo.GetCultureInfo(culture, predefinedOnly: true).IsNeutralCulture
                ? ValidationResult.Success
                : new ValidationResult($"Marketplace:Culture '{culture}' is not a specific culture; use one such as en-IE or de-DE.");
        }
        catch (CultureNotFoundException)
        {
            return new ValidationResult($"Marketplace:Culture '{culture}' is not a culture this machine knows; use one such as en-IE or de-DE.");
        }
    }
}
