using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The item's condition: stated by the seller (new, like new, good, fair, for parts), optional on the wire for this
/// release so the previous Web keeps working (a listing without one has "not stated", and a replacement without one keeps
/// it), shown in every listing answer, and a search filter.
/// </summary>
public sealed class ItemConditionTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task A_seller_states_the_condition_a_client_from_before_leaves_it_out_and_a_replacement_without_it_keeps_it()
    {
        var seller = await App.SignUpAsync();

        var stated = await CreateAsync(seller, new { title = "Kettle", description = "Works.", price = "12.00", categorySlug = "home-and-garden", condition = "LikeNew" });
        var unstated = await CreateAsync(seller, new { title = "Toaster", description = "Works.", price = "9.00", categorySlug = "home-and-garden" });

        Assert.Equal(ItemCondition.LikeNew, stated.Condition);
        Assert.Null(unstated.Condition);
        Assert.Equal(ItemCondition.LikeNew, (await (await App.CreateClient().GetAsync($"/api/listings/{stated.Id}", Ct)).ReadAsync<ListingResponse>()).Condition);
        // The previous Web replaces a listing without the field: the condition stays.
        var kept = await (await seller.Client.PutAsJsonAsync($"/api/listings/{stated.Id}",
            new { title = "Kettle, 1.7 l", description = "Works.", price = "12.00", categorySlug = "home-and-garden" }, Ct)).ReadAsync<ListingResponse>();
        Assert.Equal(("Kettle, 1.7 l", ItemCondition.LikeNew), (kept.Title, kept.Condition));
        var changed = await (await seller.Client.PutAsJsonAsync($"/api/listings/{unstated.Id}",
            new { title = "Toaster", description = "Works.", price = "9.00", categorySlug = "home-and-garden", condition = "ForParts" }, Ct)).ReadAsync<ListingResponse>();
        Assert.Equal(ItemCondition.ForParts, changed.Condition);
        var raw = await (await App.CreateClient().GetAsync($"/api/listings/{unstated.Id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"condition\":\"ForParts\"", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Mint\"")]
    [InlineData("3")]
    [InlineData("\"\"")]
    public async Task A_condition_that_is_not_one_of_the_five_is_a_400_naming_condition(string condition)
    {
        var seller = await App.SignUpAsync();

        await (await seller.Client.PostJsonAsync("/api/listings",
                $$"""{"title": "Kettle", "description": "Works.", "price": "12.00", "categorySlug": "home-and-garden", "condition": {{condition}}}"""))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "condition");
    }

    [Fact]
    public async Task A_search_by_condition_finds_only_listings_whose_seller_stated_it()
    {
        var seller = await App.SignUpAsync();
        var fair = await CreateAsync(seller, new { title = "Bike", description = "Rides.", price = "80.00", categorySlug = "sports", condition = "Fair" });
        await CreateAsync(seller, new { title = "Bike", description = "Rides.", price = "90.00", categorySlug = "sports", condition = "Good" });
        await CreateAsync(seller, new { title = "Bike", description = "Rides.", price = "70.00", categorySlug = "sports" });

        var found = await (await App.CreateClient().GetAsync($"/api/listings?sellerId={seller.Id}&condition=Fair", Ct)).ReadAsync<ListingPage>();

        Assert.Equal([fair.Id], found.Items.Select(l => l.Id));
        Assert.Equal(3, (await (await App.CreateClient().GetAsync($"/api/listings?sellerId={seller.Id}", Ct)).ReadAsync<ListingPage>()).Items.Count);
        await (await App.CreateClient().GetAsync("/api/listings?condition=Mint", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "condition");
        await (await App.CreateClient().GetAsync("/api/listings?condition=17", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "condition");
    }

    private static async Task<ListingResponse> CreateAsync(Account seller, object listing) =>
        await (await seller.Client.PostAsJsonAsync("/api/listings", listing, Ct)).ReadAsync<ListingResponse>(HttpStatusCode.Created);
}
