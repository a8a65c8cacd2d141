using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// An active ISO 4217 currency code with two minor units (what a <c>numeric(12,2)</c> price can be in). The codes are
/// listed here rather than read from the machine's culture data, which a container without ICU does not have.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Iso4217CurrencyAttribute : ValidationAttribute
{
    // ISO 4217's active codes as of 2025, by minor units (funds codes included, precious metals and test codes not).
    private static readonly FrozenSet<string> TwoMinorUnits = """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW
        CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR
        ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV
        MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD
        SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OtherMinorUnits = """
        BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF BHD IQD JOD KWD LYD OMR TND CLF UYW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string code || TwoMinorUnits.Contains(code))
        {
            return ValidationResult.Success;
        }

        var setting = $"{MarketplaceOptions.SectionName}:{validationContext.MemberName}";
        return new ValidationResult(OtherMinorUnits.Contains(code)
            ? $"{setting} is '{code}', whose minor unit is not the hundredth; prices are stored with two decimal places, so choose a currency that has two (EUR, USD, GBP, ...)."
            : $"{setting} must be an active ISO 4217 currency code in capitals, such as EUR or USD; '{code}' is not one.");
    }
}
