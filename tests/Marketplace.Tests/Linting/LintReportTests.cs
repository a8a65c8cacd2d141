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
    public void Text_puts_one_compiler_style_line_per_finding_grouped_by_migration_in_apply_order()
    {
        var lines = Report().ToText().Split(Environment.NewLine);

        var groups = string.Join(Environment.NewLine, lines).Split(Environment.NewLine + Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var findingGroups = groups[..^1].Select(g => g.Split(Environment.NewLine)).ToList();
        Assert.Equal(
            [
                $"{Folder}/20240201000002_DropListingTitle.cs",
                $"{Folder}/20240601000010_BackfillListingViews.cs",
                $"{Folder}/20240701000000_DropListingLegacyAcknowledged.cs",
            ],
            findingGroups.Select(g => g[0][..g[0].IndexOf(": ", StringComparison.Ordinal)]));
        Assert.All(findingGroups, g => Assert.All(g, line => Assert.StartsWith(g[0][..g[0].IndexOf(": ", StringComparison.Ordinal)] + ": ", line, StringComparison.Ordinal)));

        Assert.Contains(lines, l => l.StartsWith($"{Folder}/20240201000002_DropListingTitle.cs: error drop-column: Listing.Title: ", StringComparison.Ordinal)
            && l.Contains(" Suggestion: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Folder}/20240601000010_BackfillListingViews.cs: warning raw-sql: sql#1: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": acknowledged error drop-column: Listing.Legacy: ", StringComparison.Ordinal)
            && l.EndsWith("Acknowledged: Unread since release 12 and backed up on 2024-06-30.", StringComparison.Ordinal));
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
