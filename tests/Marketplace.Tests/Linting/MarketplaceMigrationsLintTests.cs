using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Support;
using Marketplace.Tests.Linting.Corpus;

namespace Marketplace.Tests.Linting;

/// <summary>The CI gate: the project's own migrations, linted as the worker's <c>lint</c> command lints them.</summary>
public sealed class MarketplaceMigrationsLintTests
{
    /// <summary>The six migrations of the incident's history, judged once and fixed or acknowledged for good.</summary>
    private static readonly string[] History =
    [
        "Initial", "AddAiTrackingFields", "AddAuthTokens", "AddAdminAudit", "AddListingIndexes", "AddCategoryModel",
    ];

    [Fact]
    public void No_migration_has_an_unacknowledged_error()
    {
        var report = MigrationLinter.Lint(Db.MigrationSequence().Subjects());

        if (LintGate.Failure(report) is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    [Fact]
    public void The_historical_migrations_lint_clean_every_finding_fixed_or_acknowledged_with_a_reason()
    {
        var sequence = Db.MigrationSequence();
        var ids = History.Select(name => sequence.FindId(name) ?? throw new InvalidOperationException($"No migration named {name}.")).ToHashSet();

        var report = MigrationLinter.Lint(sequence.Subjects().Where(s => ids.Contains(s.Id)));

        Assert.Equal(History.Length, report.Migrations.Count);
        Assert.True(report.Findings.All(f => f.IsAcknowledged), report.ToText());
    }

    [Fact]
    public void A_new_migration_that_drops_a_column_fails_the_gate_naming_the_rule_table_and_column()
    {
        var marketplace = Db.MigrationSequence();
        var withDrop = MigrationSequence.Of([.. marketplace.Migrations, new DropListingDescriptionAfterHistory()], MarketplaceDbContextFactory.MigrationsFolder);

        var failure = LintGate.Failure(MigrationLinter.Lint(withDrop.Subjects()));

        Assert.NotNull(failure);
        Assert.Contains("error drop-column: Listing.Description" + Environment.NewLine, failure, StringComparison.Ordinal);
        Assert.Contains("20991231000000_DropListingDescriptionAfterHistory", failure, StringComparison.Ordinal);
    }
}

/// <summary>What makes CI fail: an unacknowledged error, explained with the whole report.</summary>
internal static class LintGate
{
    public static string? Failure(LintReport report) =>
        report.HasBlockingFindings
            ? $"""
               {report.BlockingFindings.Count} unacknowledged migration lint error(s). Fix the migration, or acknowledge a finding that is safe for this database with [AcknowledgeLint("<rule>", "<target>", Reason = "...")] on the migration class.

               {report.ToText()}
               """
            : null;
}
