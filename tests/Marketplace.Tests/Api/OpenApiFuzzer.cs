using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Marketplace.Tests.Api;

/// <summary>
/// Generates requests from the Api's OpenAPI document: every operation, its path and query parameters and its JSON
/// body from their schemas, each value either a plausible one (from the schema, or a real one from
/// <see cref="FuzzContext"/>) or a hostile one (NUL and lone surrogates, huge and malformed numbers, wrong types, deep
/// nesting, long strings, odd Unicode, bad cursors), with and without credentials. Seeded, so a failure replays.
/// </summary>
public sealed class OpenApiFuzzer
{
    private readonly JsonElement _schemas;
    private readonly List<Operation> _operations;
    private readonly FuzzContext _context;
    private readonly Random _random;

    public OpenApiFuzzer(JsonElement document, FuzzContext context, int seed)
    {
        _schemas = document.GetProperty("components").GetProperty("schemas");
        _context = context;
        _random = new Random(seed);
        _operations = document.GetProperty("paths").EnumerateObject()
            // The one multipart operation (photo uploads) is left out: this fuzzer writes text bodies, and a file's bytes
            // are binary. Hostile files (a bomb, text named .jpg, a truncated JPEG, oversized, too many) are ListingImageTests'.
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => !IsMultipart(operation.Value)).Select(operation => new Operation(
                operation.Value.GetProperty("operationId").GetString()!,
                operation.Name.ToUpperInvariant(),
                path.Name,
                operation.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().ToList() : [],
                operation.Value.TryGetProperty("requestBody", out var body)
                    ? Resolve(body.GetProperty("content").GetProperty("application/json").GetProperty("schema"))
                    : null,
                operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0,
                operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, CultureInfo.InvariantCulture)).ToHashSet())))
            .ToList();
    }

    private static bool IsMultipart(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("multipart/form-data", out _);

    /// <summary>Each operation's id and the statuses its document lists.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> DocumentedStatuses =>
        _operations.ToDictionary(o => o.Id, o => (IReadOnlySet<int>)o.Statuses);

    /// <summary>The <paramref name="index"/>th request: operations take turns, so every one gets its share.</summary>
    public FuzzRequest Next(int index)
    {
        var operation = _operations[index % _operations.Count];
        // How likely each value is to be hostile: a quarter of the requests are plausible throughout, to get past the checks.
        var hostility = Chance(0.25) ? 0 : _random.NextDouble() * 0.8;

        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            // Never empty: "/api/listings/" is another operation's path, not a hostile id.
            var value = Chance(hostility) ? HostileQueryValue() : Uri.EscapeDataString(PlausibleText(operation.Id, name, Resolve(parameter.GetProperty("schema"))));
            path = path.Replace("{" + name + "}", value.Length == 0 ? "%00" : value, StringComparison.Ordinal);
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.GetProperty("in").GetString() == "query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            if (Chance(0.5))
            {
                query.Add(name + "=" + (Chance(hostility) ? HostileQueryValue() : Uri.EscapeDataString(PlausibleText(operation.Id, name, Resolve(parameter.GetProperty("schema"))))));
            }
        }

        if (Chance(0.05))
        {
            query.Add(Pick(["x", "%00", "q%00", "limit", "sort"]) + "=" + HostileQueryValue());
        }

        var pathAndQuery = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        var (body, contentType) = operation.Body is { } schema ? Body(operation.Id, schema, hostility) : Chance(0.05) ? HostileBody() : (null, null);
        return new FuzzRequest(operation.Id, operation.Method, pathAndQuery, body, contentType, Token(operation.Id, operation.Secured));
    }

    /// <summary>
    /// A bearer token: none, a forged one, or a real one: the operation's own ("Operation.bearer": an operation that ends
    /// sessions has accounts of its own), else an admin's for an admin operation ("Admin.bearer"), else anyone's.
    /// </summary>
    private string? Token(string operation, bool secured) => _random.NextDouble() switch
    {
        < 0.1 => null,
        < 0.2 => Pick(["not-a-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", _context.Tokens[0][..^4] + "AAAA", new string('A', 4000)]),
        < 0.5 when !secured => null,
        _ => Pick(_context.KnownValues.TryGetValue($"{operation}.bearer", out var own) ? own
            : operation.StartsWith("Admin", StringComparison.Ordinal) && _context.KnownValues.TryGetValue("Admin.bearer", out var admin) ? admin
            : _context.Tokens),
    };

    private (string? Body, string? ContentType) Body(string operation, JsonElement schema, double hostility)
    {
        if (Chance(0.08))
        {
            return HostileBody();
        }

        var properties = schema.GetProperty("properties").EnumerateObject().ToList();
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
        var members = new List<string>();
        foreach (var property in properties)
        {
            if (!required.Contains(property.Name) && Chance(0.4) || Chance(hostility / 4))
            {
                continue; // optional and left out, or required and missing
            }

            members.Add(JsonString(property.Name) + ": " + (Chance(hostility) ? HostileJsonValue() : PlausibleJson(operation, property.Name, Resolve(property.Value))));
        }

        if (Chance(0.05))
        {
            members.Add(JsonString(Pick(["sellerId", "id", "\u0000", "__proto__", "price"])) + ": " + HostileJsonValue());
        }

        return ("{" + string.Join(", ", members) + "}", "application/json");
    }

    private (string? Body, string? ContentType) HostileBody() => _random.Next(10) switch
    {
        0 => ("", "application/json"),
        1 => ("{\"title\": ", "application/json"),
        2 => (new string('[', 5000) + new string(']', 5000), "application/json"),
        3 => ("[]", "application/json"),
        4 => ("\"\\u0000\"", "application/json"),
        5 => ("title=lamp&price=1", "application/x-www-form-urlencoded"),
        6 => ("{\"title\": \"lamp\"}", "text/plain"),
        7 => ("{\"description\": \"" + new string('d', 70_000) + "\"}", "application/json"),
        8 => ("{\"a\": 1} trailing", "application/json"),
        _ => ("\uFEFF{\"title\": \"bom\"}", "application/json"),
    };

    private string PlausibleJson(string operation, string name, JsonElement schema) => TypesOf(schema) switch
    {
        var types when types.Contains("string") => JsonString(PlausibleText(operation, name, schema)),
        var types when types.Contains("integer") || types.Contains("number") => PlausibleText(operation, name, schema),
        _ => "null",
    };

    /// <summary>A value the schema allows, preferring a real one the marketplace knows for this operation's parameter or this name.</summary>
    private string PlausibleText(string operation, string name, JsonElement schema)
    {
        if ((_context.KnownValues.TryGetValue($"{operation}.{name}", out var known) || _context.KnownValues.TryGetValue(name, out known)) && Chance(0.8))
        {
            return Pick(known);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return values[_random.Next(values.GetArrayLength())].GetString()!;
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var types = TypesOf(schema);
        return format switch
        {
            "email" => $"fuzz-{_random.Next(1_000_000)}@example.com",
            "uuid" => Guid.NewGuid().ToString(),
            "decimal" => (_random.Next(100_000) / 100m).ToString(CultureInfo.InvariantCulture),
            _ when types.Contains("integer") => _random.Next(1, 50).ToString(CultureInfo.InvariantCulture),
            _ when types.Contains("number") => (_random.Next(1, 10_000) / 100m).ToString(CultureInfo.InvariantCulture),
            _ => Pick(["lamp", "red bike", "Brass desk lamp", "correct horse battery staple", "Ada", "walnut", "ÅngstrÖm façade"]),
        };
    }

    /// <summary>A hostile value as JSON text: it may not even be a string, which is part of the point.</summary>
    private string HostileJsonValue() => _random.Next(24) switch
    {
        0 => "\"\\u0000\"",
        1 => "\"lamp\\u0000\"",
        2 => "\"\\ud800\"",
        3 => "\"\\udc00x\"",
        4 => "\"\\ud83d\\ude00\\ud83d\"",
        5 => "1e400",
        6 => "-1e400",
        7 => "99999999999999999999999999999999999999",
        8 => "-0.000000000000000000000000000001",
        9 => "10.005",
        10 => "\"NaN\"",
        11 => "true",
        12 => "null",
        13 => "[]",
        14 => "{\"nested\": " + new string('[', 200) + new string(']', 200) + "}",
        15 => JsonString(new string('x', _random.Next(201, 20_000))),
        16 => JsonString("\u202Eevil\u200D\u0301\uFEFF\u00A0 zalgo Z\u0336\u0337"),
        17 => JsonString("🦄🏳️‍🌈" + new string('é', 50)),
        18 => "\"\\t\\r\\n \"",
        19 => "\"' OR 1=1 --\"",
        20 => "-1",
        21 => "0",
        22 => "\"1e3\"",
        _ => "\"\"",
    };

    /// <summary>A hostile value as it goes into a URL, already percent-encoded (or deliberately not quite).</summary>
    private string HostileQueryValue() => _random.Next(22) switch
    {
        0 => "%00",
        1 => "lamp%00",
        2 => "%ED%A0%80", // a surrogate's bytes: not UTF-8
        3 => "%C0%80", // an overlong NUL
        4 => "%FF%FE",
        5 => "1e309",
        6 => "99999999999999999999999999999",
        7 => "-1",
        8 => "0",
        9 => "NaN",
        10 => Uri.EscapeDataString(new string('q', _random.Next(201, 3000))),
        11 => Uri.EscapeDataString("\u202Eevil\u200D\u0301🦄"),
        12 => "%27%20OR%201%3D1%20--",
        13 => "",
        14 => "%20",
        15 => Uri.EscapeDataString(BadCursor()),
        16 => "%2F..%2F",
        17 => "abc",
        18 => "1.005",
        19 => "%22red%20bike%22%20-broken%20%7C%20%26%21%3A*",
        20 => Guid.NewGuid().ToString()[..20],
        _ => "true",
    };

    private string BadCursor()
    {
        var real = _context.KnownValues.TryGetValue("cursor", out var cursors) ? Pick(cursors) : "AQAA";
        var chars = real.ToCharArray();
        return _random.Next(4) switch
        {
            0 => real[..(real.Length / 2)],
            1 => real + "AA",
            2 => new string(chars.Select((c, i) => i == chars.Length / 2 ? (c == 'A' ? 'B' : 'A') : c).ToArray()),
            _ => Convert.ToBase64String(Enumerable.Range(0, 48).Select(_ => (byte)_random.Next(256)).ToArray()),
        };
    }

    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(_schemas.GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        return schema.TryGetProperty("oneOf", out var choices)
            ? Resolve(choices.EnumerateArray().First(c => !c.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "null"))
            : schema;
    }

    private static HashSet<string> TypesOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? (schema.TryGetProperty("enum", out _) ? ["string"] : [])
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
        : [type.GetString()!];

    private static string JsonString(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private sealed record Operation(
        string Id, string Method, string Path, List<JsonElement> Parameters, JsonElement? Body, bool Secured, HashSet<int> Statuses);
}
