using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class AlterColumnRuleTests
{
    [Fact]
    public void Shortening_a_varchar_is_an_error()
    {
        var finding = Single<NarrowListingTitle>(LintRuleIds.AlterColumnType);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.Title", finding.Target.ToString());
        Assert.Contains("character varying(200)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("character varying(100)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengthening_a_varchar_or_lifting_its_limit_is_catalog_only_and_not_reported() =>
        Assert.Empty(Lint<WidenListingTitle>().Findings);

    [Fact]
    public void Widening_integer_to_bigint_keeps_every_value_but_rewrites_the_table_under_an_exclusive_lock_so_it_is_an_error()
    {
        var finding = Single<WidenListingViewsToBigint>(LintRuleIds.AlterColumnType);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("rewrites the whole table", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Listing.Views", finding.Target.ToString());
    }

    [Fact]
    public void Lowering_numeric_scale_is_an_error() =>
        Assert.Equal(LintSeverity.Error, Single<ReduceListingPriceScale>(LintRuleIds.AlterColumnType).Severity);

    [Fact]
    public void Raising_numeric_precision_at_the_same_scale_is_catalog_only_and_not_reported() =>
        Assert.Empty(Lint<GrowListingPricePrecision>().Findings);

    [Fact]
    public void Changing_to_a_different_family_of_type_is_an_error() =>
        Assert.Equal(LintSeverity.Error, Single<ListingViewsToText>(LintRuleIds.AlterColumnType).Severity);

    [Fact]
    public void A_hand_written_alter_without_old_facts_is_judged_against_the_previous_model()
    {
        var finding = Single<HandWrittenNarrowTitle>(LintRuleIds.AlterColumnType);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("character varying(200)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_written_alter_that_neither_it_nor_the_previous_model_can_explain_is_a_warning_asking_for_the_old_type()
    {
        var finding = Assert.Single(MigrationLinter.Lint(new HandWrittenNarrowTitle(), previous: null).Findings);

        Assert.Equal((LintRuleIds.AlterColumnType, LintSeverity.Warning), (finding.RuleId, finding.Severity));
        Assert.Contains("oldType", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrowing_a_column_of_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<NarrowColumnOfNewTable>().Findings);

    [Fact]
    public void Making_an_existing_nullable_column_required_is_an_error_that_says_a_null_fails_it_and_suggests_a_not_valid_check()
    {
        var finding = Single<RequireListingDescription>(LintRuleIds.SetNotNull);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("fails if any row is still null", finding.Message, StringComparison.Ordinal);
        None<RequireListingDescription>(LintRuleIds.BackfillUpdate);
        Assert.Equal("Listing.Description", finding.Target.ToString());
        Assert.Contains("NOT VALID", finding.Suggestion, StringComparison.Ordinal);
        None<RequireListingDescription>(LintRuleIds.AlterColumnType);
    }

    [Fact]
    public void Making_a_column_nullable_is_not_reported() =>
        Assert.Empty(Lint<AllowNullListingDescription>().Findings);

    [Fact]
    public void Requiring_a_column_of_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<RequireColumnOfNewTable>().Findings);

    [Fact]
    public void Requiring_a_column_added_earlier_in_the_same_migration_is_not_set_not_null_on_an_existing_column() =>
        None<AddThenRequireListingColumn>(LintRuleIds.SetNotNull);

    [Fact]
    public void Requiring_a_column_with_a_default_flags_the_unbatched_update_EF_Core_writes_before_set_not_null()
    {
        var backfill = Single<RequireListingDescriptionWithDefault>(LintRuleIds.BackfillUpdate);
        var setNotNull = Single<RequireListingDescriptionWithDefault>(LintRuleIds.SetNotNull);

        Assert.Equal(LintSeverity.Error, backfill.Severity);
        Assert.Equal("Listing.Description", backfill.Target.ToString());
        Assert.Contains("""UPDATE "Listing" SET "Description" = '' WHERE "Description" IS NULL""", backfill.Message, StringComparison.Ordinal);
        Assert.Contains("in batches", backfill.Suggestion, StringComparison.Ordinal);
        // The nulls are filled, so the SET NOT NULL no longer fails on them; it still scans under ACCESS EXCLUSIVE.
        Assert.DoesNotContain("fails if any row is still null", setNotNull.Message, StringComparison.Ordinal);
        Assert.Contains("ACCESS EXCLUSIVE", setNotNull.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backfill_update_the_rule_describes_is_the_one_EF_Core_generates()
    {
        var sql = GeneratedSql.Of(new RequireListingDescriptionWithDefault());

        Assert.Contains("""UPDATE "Listing" SET "Description" = '' WHERE "Description" IS NULL;""", sql, StringComparison.Ordinal);
        Assert.True(
            sql.IndexOf("UPDATE", StringComparison.Ordinal) < sql.IndexOf("SET NOT NULL", StringComparison.Ordinal),
            sql);
    }

    [Fact]
    public void A_string_column_turned_into_a_number_will_fail_because_EF_Core_writes_no_using_clause()
    {
        var finding = Single<ListingTitleToInteger>(LintRuleIds.AlterColumnType);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("will fail", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("USING", GeneratedSql.Of(new ListingTitleToInteger()), StringComparison.Ordinal);
    }
}
