using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class EnumAndSqlRuleTests
{
    [Fact]
    public void Removing_an_enum_label_is_an_error_naming_the_type_and_label()
    {
        var finding = Single<DropListingStatusLabel>(LintRuleIds.DropEnumLabel);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("listing_status", finding.Target.ToString());
        Assert.Contains("'archived'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("will fail", finding.Message, StringComparison.Ordinal);
        None<DropListingStatusLabel>(LintRuleIds.ReorderEnumLabels);
        // What "will fail" stands on: the SQL generator refuses the operation.
        Assert.Throws<NotSupportedException>(() => GeneratedSql.Of(new DropListingStatusLabel()));
    }

    [Fact]
    public void Reordering_enum_labels_is_an_error()
    {
        var finding = Single<ReorderListingStatusLabels>(LintRuleIds.ReorderEnumLabels);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("listing_status", finding.Target.ToString());
        None<ReorderListingStatusLabels>(LintRuleIds.DropEnumLabel);
    }

    [Fact]
    public void Adding_labels_to_an_existing_enum_type_is_an_error_per_label_that_explains_the_two_release_way()
    {
        var findings = Findings<AddListingStatusLabels>(LintRuleIds.AddEnumLabel);

        Assert.Equal(["listing_status.pending_review", "listing_status.removed"], findings.Select(f => f.Target.ToString()));
        Assert.All(findings, f => Assert.True(f.IsBlocking));
        Assert.Contains("Npgsql fails to read a row that holds it", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("two releases", findings[0].Suggestion, StringComparison.Ordinal);
        Assert.Contains("[EnumLabelNotWrittenYet(\"listing_status\", \"pending_review\"", findings[0].Suggestion, StringComparison.Ordinal);
        // The new enum type beside it, and the unchanged one, are not reported.
        Assert.Equal(2, Lint<AddListingStatusLabels>().Findings.Count);
    }

    [Fact]
    public void Each_raw_sql_step_is_a_warning_that_quotes_its_start_so_a_human_reads_it()
    {
        var findings = Findings<BackfillListingViews>(LintRuleIds.RawSql);

        Assert.Equal(["sql#1", "sql#2"], findings.Select(f => f.Target.ToString()));
        Assert.All(findings, f => Assert.Equal(LintSeverity.Warning, f.Severity));
        Assert.Contains("UPDATE \"Listing\" SET \"Views\" = 0", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("outside the migration's transaction", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_without_raw_sql_has_no_raw_sql_finding() =>
        None<AddListingCategoryForeignKey>(LintRuleIds.RawSql);
}
