using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.SchemaGuard.Linting;

/// <summary>The findings of one migration, in the order of its operations; acknowledgement findings last.</summary>
/// <param name="Location">Where the migration's source lives, or its id when that is unknown.</param>
public sealed record MigrationLintResult(string MigrationId, string Location, IReadOnlyList<LintFinding> Findings);

/// <summary>The lint of a sequence of migrations, in the order they apply, with its text and JSON renderings.</summary>
public sealed record LintReport(IReadOnlyList<MigrationLintResult> Migrations)
{
    // Messages quote SQL identifiers; the default encoder would escape every quote as \u0022, which is valid but unreadable
    // in a terminal. The report is never embedded in HTML.
    private static readonly JsonSerializerOptions JsonOptions = new(LintJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IEnumerable<LintFinding> Findings => Migrations.SelectMany(m => m.Findings);

    /// <summary>Unacknowledged errors: any makes CI fail and the worker's <c>lint</c> exit with code 8.</summary>
    public IReadOnlyList<LintFinding> BlockingFindings => [.. Findings.Where(f => f.IsBlocking)];

    public bool HasBlockingFindings => Findings.Any(f => f.IsBlocking);

    /// <summary>The width the explanation under each finding is wrapped to: readable in a terminal and a CI log.</summary>
    public const int TextWidth = 100;

    private const string Indent = "    ";

    /// <summary>
    /// One finding after another, grouped by migration in apply order, then a summary. Each finding opens with one
    /// compiler-style line, <c>Data/Migrations/20250101000000_AddX.cs: error drop-column: Listing.Title</c>, which tools
    /// matching <c>: error </c> rely on; acknowledged ones read <c>acknowledged error</c>, so those tools pass over them.
    /// Under it, indented and wrapped to <see cref="TextWidth"/>: why, <c>Suggestion:</c> what instead, and
    /// <c>Acknowledged:</c> the reason when there is one; a blank line follows.
    /// </summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var migration in Migrations.Where(m => m.Findings.Count > 0))
        {
            foreach (var finding in migration.Findings)
            {
                var severity = finding.Severity == LintSeverity.Error ? "error" : "warning";
                text.Append(migration.Location).Append(": ")
                    .Append(finding.IsAcknowledged ? "acknowledged " : "").Append(severity).Append(' ').Append(finding.RuleId).Append(": ")
                    .Append(finding.Target).AppendLine();
                AppendWrapped(text, finding.Message);
                AppendWrapped(text, "Suggestion: " + finding.Suggestion);
                if (finding.IsAcknowledged)
                {
                    AppendWrapped(text, "Acknowledged: " + finding.AcknowledgedReason);
                }

                text.AppendLine();
            }
        }

        text.AppendLine(Summary());
        return text.ToString();
    }

    /// <summary>A paragraph, indented and broken between words; a word longer than the line (a quoted SQL excerpt) stays whole.</summary>
    private static void AppendWrapped(StringBuilder text, string paragraph)
    {
        var line = new StringBuilder(TextWidth);
        foreach (var word in paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && Indent.Length + line.Length + 1 + word.Length > TextWidth)
            {
                text.Append(Indent).Append(line).AppendLine();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            text.Append(Indent).Append(line).AppendLine();
        }
    }

    /// <summary>One line: how many migrations were linted and what remains.</summary>
    public string Summary()
    {
        var open = Findings.Where(f => !f.IsAcknowledged).ToList();
        var errors = open.Count(f => f.Severity == LintSeverity.Error);
        var warnings = open.Count - errors;
        var acknowledged = Findings.Count(f => f.IsAcknowledged);
        return $"Linted {Plural.Of(Migrations.Count, "migration")}: {Plural.Of(errors, "error")}, {Plural.Of(warnings, "warning")}, {acknowledged} acknowledged.";
    }

    /// <summary>The report for machines. Property names are camelCase and stable; severities are <c>error</c>/<c>warning</c>.</summary>
    public string ToJson()
    {
        var document = new LintReportDocument(
            SchemaVersion: 1,
            Summary: new LintSummaryDocument(
                Migrations.Count,
                Findings.Count(f => !f.IsAcknowledged && f.Severity == LintSeverity.Error),
                Findings.Count(f => !f.IsAcknowledged && f.Severity == LintSeverity.Warning),
                Findings.Count(f => f.IsAcknowledged)),
            Migrations:
            [
                .. Migrations.Select(m => new MigrationDocument(
                    m.MigrationId,
                    m.Location,
                    [
                        .. m.Findings.Select(f => new FindingDocument(
                            f.RuleId,
                            f.Severity == LintSeverity.Error ? "error" : "warning",
                            f.Target.Schema,
                            f.Target.Table,
                            f.Target.Name,
                            f.Target.ToString(),
                            f.Message,
                            f.Suggestion,
                            f.IsAcknowledged,
                            f.AcknowledgedReason)),
                    ])),
            ]);
        return JsonSerializer.Serialize(document, JsonOptions.GetTypeInfo(typeof(LintReportDocument)));
    }
}

// The JSON shapes, kept apart from the domain records so renaming a C# property never changes the contract.
internal sealed record LintReportDocument(int SchemaVersion, LintSummaryDocument Summary, IReadOnlyList<MigrationDocument> Migrations);

internal sealed record LintSummaryDocument(int Migrations, int Errors, int Warnings, int Acknowledged);

internal sealed record MigrationDocument(string Id, string Location, IReadOnlyList<FindingDocument> Findings);

internal sealed record FindingDocument(
    string Rule,
    string Severity,
    string? Schema,
    string? Table,
    string? Name,
    string Target,
    string Message,
    string Suggestion,
    bool Acknowledged,
    string? AcknowledgedReason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LintReportDocument))]
internal sealed partial class LintJsonContext : JsonSerializerContext;
