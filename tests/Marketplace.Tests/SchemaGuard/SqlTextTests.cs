using Marketplace.SchemaGuard.Drift;

namespace Marketplace.Tests.SchemaGuard;

/// <summary>The model and PostgreSQL's catalog spell one index filter differently; only a real difference may remain.</summary>
public sealed class SqlTextTests
{
    [Theory]
    // PostgreSQL puts each condition of an AND in parentheses, and the whole in another pair.
    [InlineData("\"RemovedAt\" IS NULL AND \"SellerSuspendedAt\" IS NULL", "((\"RemovedAt\" IS NULL) AND (\"SellerSuspendedAt\" IS NULL))")]
    [InlineData("\"A\" IS NULL OR NOT (\"B\" = 1)", "((\"A\" IS NULL) OR (NOT (\"B\" = 1)))")]
    [InlineData("\"IsActive\" = TRUE", "(\"IsActive\" = true)")]
    public void A_filter_as_the_model_writes_it_equals_it_as_the_catalog_answers_it(string model, string catalog) =>
        Assert.Equal(SqlText.NormalizeExpression(model), SqlText.NormalizeExpression(catalog));

    [Theory]
    [InlineData("lower(\"Email\") = 'a'", "\"Email\" = 'a'")]
    [InlineData("\"A\" IS NULL AND \"B\" IS NULL", "\"A\" IS NULL OR \"B\" IS NULL")]
    [InlineData("\"and\"(\"B\") IS NULL", "\"and\" AND \"B\" IS NULL")]
    public void Different_filters_stay_different(string one, string other) =>
        Assert.NotEqual(SqlText.NormalizeExpression(one), SqlText.NormalizeExpression(other));
}
