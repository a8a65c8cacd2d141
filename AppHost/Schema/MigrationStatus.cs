using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Marketplace.AppHost.Schema;

/// <summary>
/// What the worker's <c>status --json</c> says, read loosely (only the fields shown here), and told as the dashboard
/// shows it: a one-line verdict and a Markdown report.
/// </summary>
public sealed record MigrationStatus(
    int ExitCode,
    string Database,
    IReadOnlyList<(string Id, string? When)> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Drift,
    IReadOnlyList<string> DriftFromHistory,
    IReadOnlyList<string> Acknowledged,
    bool MadeWithoutMigrations)
{
    // The worker's documented status exit codes.
    public const int Current = 0;
    public const int SchemaDrift = 5;
    public const int MigrationChanged = 6;
    public const int MigrationsPending = 7;

    public static bool IsReport(int exitCode) => exitCode is Current or SchemaDrift or MigrationChanged or MigrationsPending;

    public static MigrationStatus Parse(int exitCode, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new MigrationStatus(
            exitCode,
            root.GetProperty("database").GetString() ?? "",
            [.. Items(root, "appliedMigrations").Select(a => (a.GetProperty("id").GetString()!, a.TryGetProperty("appliedAt", out var at) ? at.GetString() : null))],
            [.. Items(root, "pendingMigrations").Select(p => p.GetString()!)],
            [.. Items(root, "checksumMismatches").Select(Describe)],
            [.. root.TryGetProperty("drift", out var drift) ? Items(drift, "differences").Select(Describe) : []],
            [.. Items(root, "driftFromHistory").Select(Describe)],
            [.. root.TryGetProperty("drift", out var acknowledged) ? Items(acknowledged, "acknowledged").Select(Describe) : []],
            root.TryGetProperty("madeWithoutMigrations", out var made) && made.GetBoolean());
    }

    /// <summary>One line, for the dashboard's notification and the resource's properties.</summary>
    public string Verdict => ExitCode switch
    {
        MigrationChanged => $"{Count(Changed.Count, "applied migration")} changed since applied: the worker will refuse to run.",
        SchemaDrift when MadeWithoutMigrations => "The database has tables but no migration history: it was made without migrations, or lost its history table (see the worker's baseline command).",
        SchemaDrift when DriftFromHistory.Count > 0 => $"Not what its migration history says ({Count(DriftFromHistory.Count, "difference")}): the worker will refuse to migrate it.",
        MigrationsPending => $"{Count(Pending.Count, "migration")} pending: the database is behind the code (Apply migrations runs the worker).",
        SchemaDrift => $"Schema drift: {Count(Drift.Count, "difference")} between the database and the model.",
        _ => $"Up to date: {Count(Applied.Count, "migration")} applied, none pending, none changed, no drift.",
    };

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{Verdict}**");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Database `{Database}`, `status` exit code {ExitCode}.");
        Section(text, "Changed since applied", Changed);
        Section(text, "Pending", Pending);
        Section(text, "Not what its migration history says", DriftFromHistory);
        Section(text, Pending.Count > 0 ? "Differences from the model (expected until the pending migrations are applied)" : "Drift", Drift);
        Section(text, "Acknowledged differences (SchemaDrift:Allow)", Acknowledged);
        Section(text, "Applied", [.. Applied.Select(a => a.When is null ? a.Id : $"{a.Id} ({a.When})")]);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title} ({lines.Count})");
        foreach (var line in lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : default;

    private static string Describe(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("description", out var description)
            ? description.GetString() ?? item.ToString()
            : item.ToString();
}
