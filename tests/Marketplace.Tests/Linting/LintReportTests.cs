using System.Text.Json;
using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Linting;

public sealed class LintReportTests
{
    private const string Folder = "tests/Corpus";

    // Deliberately out of order: the sequence orders by id, as EF Core applies them.
    private static readonly Migration[] Migrations =
    [
        new DropListingLegacyAcknowledged(),
        new BackfillListingViews(),
        new ListingTableMigration(),
        new DropListingTitle(),
    ];

    private static LintReport Report() => MigrationLinter.Lint(MigrationSequence.Of(Migrations, Folder).Subjects());

    [Fact]
    public void Text_opens_each_finding_with_one_compiler_style_line_grouped_by_migration_in_apply_order()
    {
        var lines = Report().ToText().Split(Environment.NewLine);

        var headings = lines.Where(l => l.Length > 0 && !l.StartsWith(' ') && !l.StartsWith("Linted ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                $"{Folder}/20240201000002_DropListingTitle.cs: error drop-column: Listing.Title",
                $"{Folder}/20240601000010_BackfillListingViews.cs: warning raw-sql: sql#1",
                $"{Folder}/20240601000010_BackfillListingViews.cs: warning raw-sql: sql#2",
                $"{Folder}/20240701000000_DropListingLegacyAcknowledged.cs: acknowledged error drop-column: Listing.Legacy",
                $"{Folder}/20240701000000_DropListingLegacyAcknowledged.cs: error drop-column: Listing.Title",
            ],
            headings);
        // What tools that match ": error " see: the unacknowledged errors, and nothing else.
        Assert.Equal(2, lines.Count(l => l.Contains(": error ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Text_indents_the_explanation_suggestion_and_acknowledgement_under_the_finding_wrapped_to_a_readable_width()
    {
        var text = Report().ToText();
        var lines = text.Split(Environment.NewLine);

        var legacy = Array.FindIndex(lines, l => l.EndsWith(": acknowledged error drop-column: Listing.Legacy", StringComparison.Ordinal));
        var block = lines[(legacy + 1)..].TakeWhile(l => l.Length > 0).ToList();
        Assert.True(block.Count >= 3, text);
        Assert.All(block, l => Assert.StartsWith("    ", l, StringComparison.Ordinal));
        Assert.All(block, l => Assert.True(l.Length <= LintReport.TextWidth, $"{l.Length} characters: {l}"));
        Assert.StartsWith("    Dropping \"Listing\".\"Legacy\" deletes its data", block[0], StringComparison.Ordinal);
        Assert.Contains(block, l => l.StartsWith("    Suggestion: ", StringComparison.Ordinal));
        Assert.Equal("    Acknowledged: Unread since release 12 and backed up on 2024-06-30.", block[^1]);
        // Wrapping moves words, never loses one: the finding's whole message is there, read across the lines.
        var finding = Report().Findings.Single(f => f.Target.ToString() == "Listing.Legacy");
        Assert.Contains(finding.Message, string.Join(' ', block.Select(l => l.Trim())), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ends_with_a_summary_of_migrations_and_unacknowledged_findings()
    {
        var summary = Report().ToText().TrimEnd().Split(Environment.NewLine)[^1];

        // Errors: DropListingTitle's and the unacknowledged Title drop; warnings: the two SQL steps; one acknowledged.
        Assert.Equal("Linted 4 migrations: 2 errors, 2 warnings, 1 acknowledged.", summary);
    }

    [Fact]
    public void Text_of_a_clean_sequence_is_only_the_summary() =>
        Assert.Equal(
            "Linted 1 migration: 0 errors, 0 warnings, 0 acknowledged.",
            MigrationLinter.Lint(MigrationSequence.Of([new ListingTableMigration()]).Subjects()).ToText().Trim());

    [Fact]
    public void Json_parses_back_with_every_migration_and_finding()
    {
        var report = Report();

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("errors").GetInt32());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("acknowledged").GetInt32());

        var migrations = root.GetProperty("migrations").EnumerateArray().ToList();
        Assert.Equal(report.Migrations.Select(m => m.MigrationId), migrations.Select(m => m.GetProperty("id").GetString()));

        var legacy = migrations[^1].GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("target").GetString() == "Listing.Legacy");
        Assert.Equal("drop-column", legacy.GetProperty("rule").GetString());
        Assert.Equal("error", legacy.GetProperty("severity").GetString());
        Assert.Equal("Listing", legacy.GetProperty("table").GetString());
        Assert.Equal("Legacy", legacy.GetProperty("name").GetString());
        Assert.True(legacy.GetProperty("acknowledged").GetBoolean());
        Assert.Equal("Unread since release 12 and backed up on 2024-06-30.", legacy.GetProperty("acknowledgedReason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(legacy.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(legacy.GetProperty("suggestion").GetString()));
    }

    [Fact]
    public void The_report_blocks_on_unacknowledged_errors_only()
    {
        Assert.True(Report().HasBlockingFindings);
        Assert.False(MigrationLinter.Lint(MigrationSequence.Of([new ListingTableMigration(), new BackfillListingViews()]).Subjects()).HasBlockingFindings);
    }
}
