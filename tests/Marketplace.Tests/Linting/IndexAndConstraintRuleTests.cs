using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class IndexAndConstraintRuleTests
{
    [Fact]
    public void A_blocking_index_on_an_existing_table_is_an_error_that_suggests_creating_it_concurrently()
    {
        var finding = Single<IndexListingTitleBlocking>(LintRuleIds.CreateIndexBlocking);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(("Listing", "IX_Listing_Title"), (finding.Target.Table, finding.Target.Name));
        Assert.Contains("IsCreatedConcurrently", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_concurrent_index_in_a_migration_of_its_own_is_not_reported() =>
        Assert.Empty(Lint<IndexListingTitleConcurrently>().Findings);

    [Fact]
    public void An_index_on_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<IndexNewTable>().Findings);

    [Fact]
    public void A_blocking_index_the_target_model_marks_concurrent_says_the_migration_predates_the_model() =>
        Assert.Contains("target model marks it IsCreatedConcurrently()",
            Single<IndexListingTitleModelSaysConcurrently>(LintRuleIds.CreateIndexBlocking).Message, StringComparison.Ordinal);

    [Fact]
    public void A_concurrent_index_beside_other_operations_is_a_warning_that_the_migration_is_not_atomic()
    {
        var finding = Single<IndexListingConcurrentlyWithColumn>(LintRuleIds.ConcurrentIndexNotAlone);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("Listing.IX_Listing_Notes", finding.Target.ToString());
        None<IndexListingConcurrentlyWithColumn>(LintRuleIds.CreateIndexBlocking);
    }

    [Fact]
    public void A_plain_index_drop_on_an_existing_table_is_an_error_that_suggests_dropping_it_concurrently()
    {
        var finding = Single<DropListingTitleIndexBlocking>(LintRuleIds.DropIndexBlocking);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.IX_Listing_Title", finding.Target.ToString());
        Assert.Contains("ACCESS EXCLUSIVE", finding.Message, StringComparison.Ordinal);
        Assert.Contains(".Concurrently()", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_concurrent_index_drop_in_a_migration_of_its_own_is_not_reported() =>
        Assert.Empty(Lint<DropListingTitleIndexConcurrently>().Findings);

    [Fact]
    public void A_concurrent_index_drop_beside_other_operations_is_a_warning_that_the_migration_is_not_atomic()
    {
        var finding = Single<DropListingTitleIndexConcurrentlyWithColumn>(LintRuleIds.ConcurrentIndexNotAlone);

        Assert.Equal("Listing.IX_Listing_Title", finding.Target.ToString());
        Assert.Contains("dropped concurrently", finding.Message, StringComparison.Ordinal);
        None<DropListingTitleIndexConcurrentlyWithColumn>(LintRuleIds.DropIndexBlocking);
    }

    [Fact]
    public void A_unique_constraint_on_an_existing_table_is_an_error()
    {
        var finding = Single<AddListingAlternateKey>(LintRuleIds.AddUniqueConstraint);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.AK_Listing_Title", finding.Target.ToString());
    }

    [Fact]
    public void Keys_and_constraints_on_a_table_created_in_the_same_migration_are_not_reported() =>
        Assert.Empty(Lint<AddConstraintsToNewTable>().Findings);

    [Fact]
    public void A_primary_key_added_to_an_existing_table_is_an_error() =>
        Assert.Equal("Listing.PK_Listing", Single<AddListingPrimaryKey>(LintRuleIds.AddPrimaryKey).Target.ToString());

    [Fact]
    public void A_check_constraint_on_an_existing_table_is_an_error_that_suggests_not_valid()
    {
        var finding = Single<AddListingPriceCheck>(LintRuleIds.AddCheckConstraint);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("NOT VALID", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_key_on_an_existing_table_is_an_error_that_names_both_locked_tables()
    {
        var finding = Single<AddListingSellerForeignKey>(LintRuleIds.AddForeignKey);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.FK_Listing_User_SellerId", finding.Target.ToString());
        Assert.Contains("\"User\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("NOT VALID", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_key_on_a_new_all_null_column_of_an_existing_table_is_still_an_error_but_says_no_referenced_row_is_read()
    {
        var result = Lint<AddListingCategoryForeignKey>();

        var finding = Assert.Single(result.Findings);
        Assert.Equal(LintRuleIds.AddForeignKey, finding.RuleId);
        Assert.Contains("every value is NULL", finding.Message, StringComparison.Ordinal);
        // The principal table is new, so only the live table's writes are blocked.
        Assert.DoesNotContain("\"Category\", blocking", finding.Message, StringComparison.Ordinal);
    }
}
