using System.Globalization;
using Marketplace.SchemaGuard.Linting;

namespace Marketplace.SchemaGuard.RollingDeploy;

/// <summary>
/// A SQL literal of a column's store type for the <paramref name="row"/>-th row the proof writes: distinct per row (so
/// unique keys hold), inside the type's length and precision, and positive (so the usual "not negative" checks hold).
/// Cast to the previous model's store type, as the previous version's parameters are typed by its own mapping.
/// </summary>
internal static class SampleValue
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The literal, or null for a type it cannot make a value of.</summary>
    /// <param name="maxLength">The property's maximum length, for types whose store name does not carry it (bytea).</param>
    public static string? Of(string storeType, int row, int? maxLength)
    {
        if (StoreType.Parse(storeType) is not { } type)
        {
            return null;
        }

        var element = type with { ArrayDepth = 0 };
        if (Element(element, row, maxLength) is not { } value)
        {
            return null;
        }

        var quoted = SqlNames.Literal(value);
        return type.ArrayDepth == 0
            ? $"{quoted}::{storeType}"
            : $"ARRAY[{quoted}::{element}]::{storeType}";
    }

    private static string? Element(StoreType type, int row, int? maxLength)
    {
        var number = row.ToString(CultureInfo.InvariantCulture);
        var at = Epoch.AddMinutes(row);
        return type.Name switch
        {
            "text" or "character varying" or "character" => Fit("v" + number, type.Length ?? maxLength),
            "smallint" => (row % short.MaxValue).ToString(CultureInfo.InvariantCulture),
            "integer" or "bigint" => number,
            "numeric" => NumericValue(row, type.Precision, type.Scale),
            "real" or "double precision" => number + ".5",
            "boolean" => "true",
            "uuid" => $"00000000-0000-4000-8000-{row:x12}",
            "date" => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "timestamp with time zone" => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "timestamp without time zone" => at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            "time without time zone" => "12:00:00",
            "time with time zone" => "12:00:00+00",
            "interval" => "1 hour",
            "json" or "jsonb" => $"{{\"row\": {number}}}",
            "bytea" => "\\x" + Convert.ToHexStringLower(Bytes(row, maxLength ?? 16)),
            "tsvector" => "v" + number,
            _ => null,
        };
    }

    private static string Fit(string value, int? length) => length is { } limit && value.Length > limit ? value[^limit..] : value;

    private static string NumericValue(int row, int? precision, int? scale)
    {
        var wholeDigits = precision is { } p ? p - (scale ?? 0) : 9;
        return wholeDigits <= 0 ? "0" : (row % (int)Math.Pow(10, Math.Min(wholeDigits, 9))).ToString(CultureInfo.InvariantCulture);
    }

    private static byte[] Bytes(int row, int length)
    {
        var bytes = new byte[Math.Max(length, 4)];
        BitConverter.TryWriteBytes(bytes, row);
        return bytes[..length];
    }
}
