using Marketplace.SchemaGuard.Linting;
using Marketplace.Tests.Linting.Corpus;
using static Marketplace.Tests.Linting.CorpusLinter;

namespace Marketplace.Tests.Linting;

public sealed class AddColumnRuleTests
{
    [Fact]
    public void Adding_a_required_column_without_a_default_to_an_existing_table_is_an_error()
    {
        var finding = Single<AddRequiredListingSku>(LintRuleIds.AddRequiredColumnWithoutDefault);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.Sku", finding.Target.ToString());
    }

    [Fact]
    public void Adding_a_required_column_with_a_constant_default_or_a_nullable_column_is_not_reported() =>
        Assert.Empty(Lint<AddRequiredListingSkuWithDefault>().Findings);

    [Fact]
    public void Adding_a_required_column_to_a_table_created_in_the_same_migration_is_not_reported() =>
        Assert.Empty(Lint<AddRequiredColumnToNewTable>().Findings);

    [Fact]
    public void Adding_a_column_with_a_volatile_default_to_an_existing_table_is_an_error_naming_the_function()
    {
        var finding = Single<AddListingPublicIdRandom>(LintRuleIds.AddColumnVolatileDefault);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.PublicId", finding.Target.ToString());
        Assert.Contains("gen_random_uuid", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stable_and_constant_defaults_such_as_now_are_catalog_only_and_not_reported() =>
        Assert.Empty(Lint<AddListingStableDefaults>().Findings);

    [Fact]
    public void Adding_an_identity_column_to_an_existing_table_numbers_every_row_so_it_is_a_volatile_default() =>
        Assert.Equal("Listing.Number", Single<AddListingIdentityNumber>(LintRuleIds.AddColumnVolatileDefault).Target.ToString());

    [Fact]
    public void Volatile_defaults_and_generated_columns_on_a_table_created_in_the_same_migration_are_not_reported() =>
        Assert.Empty(Lint<AddVolatileDefaultToNewTable>().Findings);

    [Fact]
    public void Adding_a_stored_generated_column_to_an_existing_table_is_an_error()
    {
        var finding = Single<AddListingStoredSlug>(LintRuleIds.AddStoredGeneratedColumn);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("Listing.Slug", finding.Target.ToString());
    }
}
