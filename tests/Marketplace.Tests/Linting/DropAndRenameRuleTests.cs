using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class DropAndRenameRuleTests
{
    [Fact]
    public void Dropping_an_existing_table_is_an_error_naming_the_table()
    {
        var finding = Single<DropListing>(LintRuleIds.DropTable);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing", finding.Target.Table);
        Assert.Null(finding.Target.Name);
        Assert.Equal("20240201000000_DropListing", finding.MigrationId);
    }

    [Fact]
    public void Dropping_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<CreateThenDropScratch>().Findings);

    [Fact]
    public void Dropping_an_existing_column_is_an_error_naming_table_and_column()
    {
        var finding = Single<DropListingTitle>(LintRuleIds.DropColumn);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(("Listing", "Title"), (finding.Target.Table, finding.Target.Name));
        Assert.Equal("Listing.Title", finding.Target.ToString());
        Assert.True(finding.IsBlocking);
    }

    [Fact]
    public void Dropping_a_column_of_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<DropColumnOfNewTable>().Findings);

    [Fact]
    public void Renaming_an_existing_table_is_an_error_that_suggests_moving_over_several_releases()
    {
        var finding = Single<RenameListing>(LintRuleIds.RenameTable);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing", finding.Target.Table);
        Assert.Contains("\"Listings\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("several releases", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_table_created_in_the_same_migration_and_then_working_on_it_is_not_reported() =>
        Assert.Empty(Lint<CreateThenRenameScratch>().Findings);

    [Fact]
    public void Renaming_an_existing_column_is_an_error_naming_the_old_column()
    {
        var finding = Single<RenameListingTitle>(LintRuleIds.RenameColumn);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.Title", finding.Target.ToString());
        Assert.Contains("\"Headline\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_column_of_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<RenameColumnOfNewTable>().Findings);
}
