using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>
/// Normalises the ways the model and PostgreSQL's catalog spell the same type or expression, so that only real
/// differences remain: "varchar(100)" and "character varying(100)"; "'draft'::listing_status" and "'draft'";
/// "(\"IsActive\" = true)" and "\"IsActive\" = TRUE".
/// </summary>
internal static partial class SqlText
{
    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["int2"] = "smallint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
        ["int8"] = "bigint",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["bool"] = "boolean",
        ["float8"] = "double precision",
        ["float4"] = "real",
        ["decimal"] = "numeric",
        ["varchar"] = "character varying",
        ["char"] = "character",
        ["bpchar"] = "character",
        ["varbit"] = "bit varying",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone",
        ["time"] = "time without time zone",
    };

    /// <summary>A store type in format_type's spelling, without the default schema and without spaces inside the modifier.</summary>
    public static string NormalizeType(string storeType, string defaultSchema)
    {
        var type = Regex.Replace(storeType.Trim().Replace("\"", "", StringComparison.Ordinal), @"\s+", " ").ToLowerInvariant();
        var schemaPrefix = defaultSchema.ToLowerInvariant() + ".";
        if (type.StartsWith(schemaPrefix, StringComparison.Ordinal))
        {
            type = type[schemaPrefix.Length..];
        }

        var match = TypeParts().Match(type);
        if (!match.Success)
        {
            return type;
        }

        var name = match.Groups["name"].Value;
        var modifier = match.Groups["modifier"].Value.Replace(" ", "", StringComparison.Ordinal);
        var zone = match.Groups["zone"].Value;
        var arrays = match.Groups["arrays"].Value.Replace(" ", "", StringComparison.Ordinal);
        if (zone.Length > 0)
        {
            return name + modifier + " " + zone + arrays;
        }

        if (TypeAliases.TryGetValue(name, out var canonical))
        {
            name = canonical;
        }

        // format_type puts the precision of time types before "with/without time zone".
        if (name.EndsWith(" time zone", StringComparison.Ordinal) && modifier.Length > 0)
        {
            var split = name.IndexOf(' ', StringComparison.Ordinal);
            return name[..split] + modifier + name[split..] + arrays;
        }

        return name + modifier + arrays;
    }

    /// <summary>The maximum length in a character or bit type, e.g. 100 in "character varying(100)"; null when the type has none.</summary>
    public static (string BaseType, int? MaxLength)? LengthOf(string normalizedType)
    {
        var match = LengthType().Match(normalizedType);
        return match.Success
            ? (match.Groups["name"].Value, match.Groups["length"].Success ? int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture) : null)
            : null;
    }

    /// <summary>
    /// An expression reduced for comparison: casts on literals removed (PostgreSQL adds them), quotes around
    /// identifiers removed and case folded outside string literals, grouping parentheses and whitespace removed
    /// (PostgreSQL adds parentheses; function-call parentheses stay).
    /// </summary>
    public static string NormalizeExpression(string expression)
    {
        var text = LiteralCast().Replace(expression.Trim(), m =>
        {
            var literal = m.Groups["literal"].Value;
            var content = literal[1..^1];
            return decimal.TryParse(content, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? content : literal;
        });

        var output = new StringBuilder(text.Length);
        var grouping = new Stack<bool>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = i + 1;
                while (end < text.Length && !(text[end] == '\'' && (end + 1 >= text.Length || text[end + 1] != '\'')))
                {
                    end += text[end] == '\'' ? 2 : 1;
                }

                output.Append(text, i, Math.Min(end, text.Length - 1) - i + 1);
                i = end;
                continue;
            }

            switch (c)
            {
                case '"':
                    continue;
                case '(':
                    // A parenthesis after a name is a call's, after AND, OR or NOT a grouping one ("a IS NULL AND (b IS NULL)").
                    var isCall = output.Length > 0 && (char.IsLetterOrDigit(output[^1]) || output[^1] == '_') && !FollowsConnective(text, i);
                    grouping.Push(!isCall);
                    if (isCall)
                    {
                        output.Append('(');
                    }

                    continue;
                case ')':
                    if (grouping.Count == 0 || !grouping.Pop())
                    {
                        output.Append(')');
                    }

                    continue;
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        output.Append(char.ToLowerInvariant(c));
                    }

                    continue;
            }
        }

        return output.ToString();
    }

    /// <summary>Whether the word before position <paramref name="at"/> (spaces skipped) is the keyword AND, OR or NOT.</summary>
    private static bool FollowsConnective(string text, int at)
    {
        var end = at;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        // A quoted name ("and") is a name, not the keyword.
        if (start > 0 && text[start - 1] == '"')
        {
            return false;
        }

        return text.AsSpan(start, end - start) is var word
            && (word.Equals("and", StringComparison.OrdinalIgnoreCase)
                || word.Equals("or", StringComparison.OrdinalIgnoreCase)
                || word.Equals("not", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^(?<name>character varying|bit varying|double precision|timestamp with time zone|timestamp without time zone|time with time zone|time without time zone|[a-z_][a-z0-9_.]*)\s*(?<modifier>\([0-9,\s]*\))?\s*(?<zone>with time zone|without time zone)?(?<arrays>(\s*\[\d*\])*)$")]
    private static partial Regex TypeParts();

    [GeneratedRegex(@"^(?<name>character varying|character|bit varying|bit)(\((?<length>\d+)\))?$")]
    private static partial Regex LengthType();

    [GeneratedRegex(@"(?<literal>'(?:[^']|'')*')::(?:character varying|bit varying|double precision|timestamp with(?:out)? time zone|time with(?:out)? time zone|""?[A-Za-z_][A-Za-z0-9_.""]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*")]
    private static partial Regex LiteralCast();
}
