using System.Globalization;

namespace Marketplace.Web;

/// <summary>How the pages write and read a price: "24.50 EUR", the amount as the Api sends it (two places, a dot).</summary>
public static class Prices
{
    public static string Format(decimal amount, string currency) =>
        amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>What a visitor typed ("24.5", "24,50", " 24.50 ") as an amount, or null when it is not one.</summary>
    public static decimal? Parse(string? typed)
    {
        var text = typed?.Trim().Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : null;
    }
}
