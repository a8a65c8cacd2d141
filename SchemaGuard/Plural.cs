using System.Globalization;

namespace Marketplace.SchemaGuard;

/// <summary>Counts in messages a person reads: "1 migration", "3 migrations", "1 category", "10 categories".</summary>
public static class Plural
{
    public static string Of(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : PluralOf(noun));

    private static string PluralOf(string noun) =>
        noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) ? noun[..^1] + "ies"
        : noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith('s') || noun.EndsWith('x') ? noun + "es"
        : noun + "s";
}
