namespace Marketplace.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Slug_of_a_legacy_category_is_its_kebab_case_name() =>
        Assert.Equal("home-and-garden", Marketplace.Data.MarketplaceEnums.SlugOf(Marketplace.Data.Entities.ListingCategory.HomeAndGarden));
}
