using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Presentation;

namespace Marketplace.Web;

/// <summary>
/// The one price rule of every form (search, Sell, Edit): digits, with a comma or a dot before at most two decimals
/// ("24", "24.5", "24,50"). Anything else (a sign, a thousands separator, a third decimal, a letter) is refused with the
/// forms the field takes, never guessed at: "1,250" is not read as 1250, nor "3,00" as 300.
/// </summary>
public static partial class Prices
{
    /// <summary>The message for anything the rule refuses; it shows the forms that work.</summary>
    public static readonly string Accepted = string.Create(CultureInfo.InvariantCulture,
        $"Enter a price in numbers, such as 24 or 24.50 or 24,50 (at most two decimals, no more than {ListingRules.MaxPrice:N2}).");

    /// <summary>Reads what a visitor typed; blank is <see cref="PriceReading.Empty"/>.</summary>
    public static PriceReading Read(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return PriceReading.Empty;
        }

        if (!Amount().IsMatch(text)
            || !decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount > ListingRules.MaxPrice)
        {
            return new PriceReading(null, Accepted);
        }

        return new PriceReading(amount, null);
    }

    /// <summary>An amount as the forms show it for editing (two places, a dot), which <see cref="Read"/> reads back.</summary>
    public static string ForEditing(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{1,10}([.,][0-9]{1,2})?$")]
    private static partial Regex Amount();
}
