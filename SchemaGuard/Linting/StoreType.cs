using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Marketplace.SchemaGuard.Linting;

/// <summary>How PostgreSQL treats <c>ALTER COLUMN ... TYPE</c> from one store type to another.</summary>
internal enum TypeChange
{
    /// <summary>Same type: the operation changes something else (nullability, default).</summary>
    None,

    /// <summary>A catalog-only change (e.g. <c>varchar(100)</c> to <c>varchar(200)</c> or <c>text</c>): no rewrite, no scan.</summary>
    MetadataOnly,

    /// <summary>Every value still fits, but the table and its indexes are rewritten.</summary>
    Rewrite,

    /// <summary>Same kind of type, fewer values fit: shorter, fewer digits, less precision.</summary>
    Narrowing,

    /// <summary>A different kind of type: the cast may fail or change values.</summary>
    DifferentFamily,
}

/// <summary>
/// A PostgreSQL column type reduced to what matters for comparing two of them: its family (text, integer, numeric, ...),
/// its canonical name, and its size (length, precision, scale, or a rank within the family such as 2/4/8 bytes).
/// </summary>
internal sealed partial record StoreType(string Family, string Name, int? Length, int? Precision, int? Scale, int Rank, int ArrayDepth)
{
    private const string Text = "text";
    private const string Integer = "integer";
    private const string Numeric = "numeric";
    private const string Float = "float";
    private const string Temporal = "temporal";

    public override string ToString()
    {
        var size = (Length, Precision, Scale) switch
        {
            ({ } length, _, _) => $"({length})",
            (_, { } precision, { } scale) => $"({precision},{scale})",
            (_, { } precision, null) => $"({precision})",
            _ => "",
        };
        return Name + size + string.Concat(Enumerable.Repeat("[]", ArrayDepth));
    }

    /// <summary>The store type of a column as a migration operation describes it, or null when it cannot be told.</summary>
    public static StoreType? Of(ColumnOperation column) =>
        column.ColumnType is { Length: > 0 } columnType
            ? Parse(columnType)
            : Infer(column.ClrType, column.MaxLength, column.IsFixedLength, column.Precision, column.Scale);

    public static StoreType? Parse(string columnType)
    {
        var text = WhitespaceRun().Replace(columnType.Trim().ToLowerInvariant(), " ");
        var arrayDepth = 0;
        while (text.EndsWith("[]", StringComparison.Ordinal))
        {
            arrayDepth++;
            text = text[..^2].TrimEnd();
        }

        var match = TypeSyntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value.Trim();
        if (match.Groups["zone"].Success)
        {
            name += " " + match.Groups["zone"].Value;
        }

        var arguments = match.Groups["args"].Success
            ? match.Groups["args"].Value.Split(',').Select(a => int.TryParse(a.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).ToArray()
            : [];
        int? First() => arguments.Length > 0 ? arguments[0] : null;
        int? Second() => arguments.Length > 1 ? arguments[1] : null;

        StoreType Make(string family, string canonical, int? length = null, int? precision = null, int? scale = null, int rank = 0) =>
            new(family, canonical, length, precision, scale, rank, arrayDepth);

        return name switch
        {
            "text" => Make(Text, "text"),
            "character varying" or "varchar" => Make(Text, "character varying", length: First()),
            // A bare character is character(1).
            "character" or "char" or "bpchar" => Make(Text, "character", length: First() ?? 1),
            "smallint" or "int2" or "smallserial" or "serial2" => Make(Integer, "smallint", rank: 2),
            "integer" or "int" or "int4" or "serial" or "serial4" => Make(Integer, "integer", rank: 4),
            "bigint" or "int8" or "bigserial" or "serial8" => Make(Integer, "bigint", rank: 8),
            "numeric" or "decimal" => Make(Numeric, "numeric", precision: First(), scale: First() is null ? null : Second() ?? 0),
            "real" or "float4" => Make(Float, "real", rank: 4),
            "double precision" or "float8" => Make(Float, "double precision", rank: 8),
            "float" => First() is <= 24 ? Make(Float, "real", rank: 4) : Make(Float, "double precision", rank: 8),
            "timestamp with time zone" or "timestamptz" => Make(Temporal + ":timestamptz", "timestamp with time zone", precision: First()),
            "timestamp" or "timestamp without time zone" => Make(Temporal + ":timestamp", "timestamp without time zone", precision: First()),
            "time with time zone" or "timetz" => Make(Temporal + ":timetz", "time with time zone", precision: First()),
            "time" or "time without time zone" => Make(Temporal + ":time", "time without time zone", precision: First()),
            "interval" => Make(Temporal + ":interval", "interval", precision: First()),
            "boolean" or "bool" => Make("boolean", "boolean"),
            "json" => Make("json", "json", rank: 1),
            "jsonb" => Make("json", "jsonb", rank: 2),
            // Any other type (date, uuid, bytea, an enum, a domain) is a family of its own; its arguments stay in the name.
            _ => Make(name, match.Groups["args"].Success ? $"{name}({match.Groups["args"].Value})" : name),
        };
    }

    /// <summary>
    /// The type Npgsql maps a CLR type to by default, for operations written without an explicit column type.
    /// Null for types whose store name the operation alone cannot tell (enums, user types).
    /// </summary>
    private static StoreType? Infer(Type? clrType, int? maxLength, bool? fixedLength, int? precision, int? scale)
    {
        if (clrType is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        var name = type switch
        {
            _ when type == typeof(string) => maxLength is { } length
                ? (fixedLength == true ? "character" : "character varying") + $"({length})"
                : "text",
            _ when type == typeof(short) || type == typeof(byte) => "smallint",
            _ when type == typeof(int) => "integer",
            _ when type == typeof(long) => "bigint",
            _ when type == typeof(decimal) => precision is { } p ? $"numeric({p},{scale ?? 0})" : "numeric",
            _ when type == typeof(float) => "real",
            _ when type == typeof(double) => "double precision",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(Guid) => "uuid",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "timestamp with time zone",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(TimeOnly) => "time without time zone",
            _ when type == typeof(TimeSpan) => "interval",
            _ when type == typeof(byte[]) => "bytea",
            _ => null,
        };
        return name is null ? null : Parse(name);
    }

    /// <summary>What changing a column from <paramref name="old"/> to <paramref name="new"/> does on PostgreSQL.</summary>
    public static TypeChange Compare(StoreType old, StoreType @new)
    {
        if (old == @new)
        {
            return TypeChange.None;
        }

        if (old.Family != @new.Family || old.ArrayDepth != @new.ArrayDepth)
        {
            return TypeChange.DifferentFamily;
        }

        return old.Family switch
        {
            Text => CompareText(old, @new),
            Integer or Float => @new.Rank < old.Rank ? TypeChange.Narrowing : TypeChange.Rewrite,
            Numeric => CompareNumeric(old, @new),
            // PostgreSQL skips the rewrite when fractional-second precision grows (or the limit goes); fewer digits round values away.
            _ when old.Family.StartsWith(Temporal, StringComparison.Ordinal) =>
                (@new.Precision ?? 6) < (old.Precision ?? 6) ? TypeChange.Narrowing : TypeChange.MetadataOnly,
            _ => TypeChange.Rewrite,
        };
    }

    /// <summary>
    /// Whether <c>ALTER COLUMN ... TYPE</c> without a <c>USING</c> clause, as EF Core writes it, converts
    /// <paramref name="old"/> to <paramref name="new"/>: PostgreSQL then needs an implicit or assignment cast. True or false
    /// for the built-in types and enums; null for types this does not know (a domain, an extension's type), which may
    /// bring casts of their own. Checked against PostgreSQL itself by the tests.
    /// </summary>
    /// <param name="isEnum">Whether a type name is one of the model's enum types.</param>
    public static bool? ConvertsWithoutUsing(StoreType old, StoreType @new, Func<string, bool> isEnum)
    {
        // Every type converts to a string type through its output function, an assignment cast; arrays element by element.
        if (@new.Family == Text && (@new.ArrayDepth == 0 || @new.ArrayDepth == old.ArrayDepth))
        {
            return true;
        }

        bool Known(StoreType type) => KnownFamilies.Contains(type.Family) || type.Family.StartsWith(Temporal, StringComparison.Ordinal) || isEnum(type.Name);
        if (!Known(old) || !Known(@new))
        {
            return null;
        }

        if (old.ArrayDepth != @new.ArrayDepth)
        {
            return false;
        }

        // Strings convert to other types only by an explicit cast; numbers convert among themselves.
        return old.Family == @new.Family
            || (NumberFamilies.Contains(old.Family) && NumberFamilies.Contains(@new.Family))
            || TemporalConversions.Contains((TemporalKind(old), TemporalKind(@new)));
    }

    private static readonly HashSet<string> NumberFamilies = [Integer, Numeric, Float];

    private static readonly HashSet<string> KnownFamilies = [Text, Integer, Numeric, Float, "boolean", "json", "date", "uuid", "bytea", "tsvector"];

    // PostgreSQL's implicit and assignment casts between date and time types (pg_cast, castcontext 'i' or 'a').
    private static readonly HashSet<(string From, string To)> TemporalConversions =
    [
        ("date", "timestamp"), ("date", "timestamptz"),
        ("timestamp", "date"), ("timestamp", "timestamptz"), ("timestamp", "time"),
        ("timestamptz", "date"), ("timestamptz", "timestamp"), ("timestamptz", "time"), ("timestamptz", "timetz"),
        ("time", "interval"), ("time", "timetz"), ("timetz", "time"), ("interval", "time"),
    ];

    private static string TemporalKind(StoreType type) =>
        type.Family.StartsWith(Temporal + ":", StringComparison.Ordinal) ? type.Family[(Temporal.Length + 1)..] : type.Family;

    private static TypeChange CompareText(StoreType old, StoreType @new)
    {
        // Null length means unbounded (text, or varchar without a limit).
        if (@new.Length is { } newLength && (old.Length is not { } oldLength || newLength < oldLength))
        {
            return TypeChange.Narrowing;
        }

        // Growing or dropping a varchar limit is binary compatible, so PostgreSQL only updates the catalog;
        // character(n) pads with blanks, so any change to or from it rewrites the values.
        return old.Name != "character" && @new.Name != "character" ? TypeChange.MetadataOnly : TypeChange.Rewrite;
    }

    private static TypeChange CompareNumeric(StoreType old, StoreType @new)
    {
        if (@new.Precision is not { } newPrecision)
        {
            // Unconstrained numeric holds every value: catalog-only.
            return TypeChange.MetadataOnly;
        }

        if (old.Precision is not { } oldPrecision)
        {
            return TypeChange.Narrowing;
        }

        var (oldScale, newScale) = (old.Scale ?? 0, @new.Scale ?? 0);
        if (newScale < oldScale || newPrecision - newScale < oldPrecision - oldScale)
        {
            return TypeChange.Narrowing;
        }

        // More digits at the same scale is catalog-only; a larger scale rewrites every value.
        return newScale == oldScale ? TypeChange.MetadataOnly : TypeChange.Rewrite;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_ .""]*?)\s*(\((?<args>[^)]*)\))?\s*(?<zone>with time zone|without time zone)?$")]
    private static partial Regex TypeSyntax();
}
