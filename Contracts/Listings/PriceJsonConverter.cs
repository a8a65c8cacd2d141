using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Marketplace.Contracts.Listings;

/// <summary>
/// A price on the wire: written as a decimal string with exactly two places ("24.50"), read from that form or from a
/// JSON number (what clients sent before). A string, because a JSON number's two places cannot be described in a way
/// validators keep: JSON Schema's <c>multipleOf: 0.01</c> is checked in binary floating point by the common validators,
/// which then refuse 0.07. Range and places are checked by the request's validation attributes, as for a number.
/// </summary>
public sealed partial class PriceJsonConverter : JsonConverter<decimal>
{
    /// <summary>The form a price is written in: no sign, no exponent, exactly two decimal places.</summary>
    public const string ResponsePattern = @"^(0|[1-9][0-9]{0,9})\.[0-9]{2}$";

    /// <summary>The string form a request may send; longer numbers fail the range, more places fail the places check.</summary>
    public const string RequestPattern = @"^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$";

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDecimal(out var number) ? number : throw new JsonException("The number is out of range for a price.");
        }

        if (reader.TokenType == JsonTokenType.String
            && reader.GetString() is { } text
            && DecimalText().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("A price is a decimal string such as \"24.50\" (or a JSON number).");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("0.00", CultureInfo.InvariantCulture));

    // Digits with an optional sign and fraction: the syntax alone, so that a negative, over-long or over-precise price
    // gets the range or places message, reported with the request's other fields, rather than a parse error alone.
    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$")]
    private static partial Regex DecimalText();
}
