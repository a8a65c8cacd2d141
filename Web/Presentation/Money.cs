using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Presentation;

/// <summary>
/// How the pages write an amount: in the marketplace's culture with the currency's own symbol ("€24.50", "€1,250.00"),
/// and "Free" for nothing. The currency is the Api's (every listing carries it); the culture is the Web's setting.
/// </summary>
public sealed class Money(IOptions<MarketplaceCultureOptions> options)
{
    public const string Free = "Free";

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(options.Value.Culture);
    private readonly ConcurrentDictionary<string, NumberFormatInfo> _formats = new(StringComparer.Ordinal);

    public CultureInfo Culture => _culture;

    public string Format(decimal amount, string currency) =>
        amount == 0 ? Free : amount.ToString("C2", FormatOf(currency));

    /// <summary>The currency's symbol as this culture's people write it ("€"), or its code when no culture knows one.</summary>
    public string SymbolOf(string currency) => FormatOf(currency).CurrencySymbol;

    private NumberFormatInfo FormatOf(string currency) => _formats.GetOrAdd(currency, code =>
    {
        var format = (NumberFormatInfo)_culture.NumberFormat.Clone();
        format.CurrencySymbol = SymbolFor(code);
        return format;
    });

    // The culture's own symbol when its country uses the currency; else the symbol of a culture whose country does; else the code.
    private string SymbolFor(string code)
    {
        if (!string.IsNullOrEmpty(_culture.Name) && new RegionInfo(_culture.Name).ISOCurrencySymbol == code)
        {
            return _culture.NumberFormat.CurrencySymbol;
        }

        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            if (new RegionInfo(culture.Name).ISOCurrencySymbol == code && culture.TwoLetterISOLanguageName == _culture.TwoLetterISOLanguageName)
            {
                return culture.NumberFormat.CurrencySymbol;
            }
        }

        return code + "\u00A0";
    }
}
