using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Marketplace.Contracts.Listings;

/// <summary>A price as the numeric(12,2) column can hold it: 0 to 9,999,999,999.99.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PriceRangeAttribute : RangeAttribute
{
    public PriceRangeAttribute()
        : base(typeof(decimal), "0", ListingRules.MaxPrice.ToString(CultureInfo.InvariantCulture))
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}
