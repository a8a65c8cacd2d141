using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Favourites;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Favourites: a buyer keeps listings they can see (not their own), finds them on their saved list as they are now (sold,
/// archived, removed said so), takes them off whatever became of them, and the seller sees how many keep each listing.
/// </summary>
public sealed class FavouriteTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task A_buyer_saves_listings_sees_them_as_they_are_now_and_the_seller_sees_each_ones_count()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var other = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var lamp = await seller.CreateListingAsync("Lamp", price: 20m);
        var chair = await seller.CreateListingAsync("Chair", price: 35m);
        var table = await seller.CreateListingAsync("Table", price: 80m);

        foreach (var listing in new[] { lamp, chair, table })
        {
            (await buyer.Client.PutAsync($"/api/me/favourites/{listing.Id}", null, Ct)).EnsureSuccessStatusCode();
        }

        // Saving twice keeps one.
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Client.PutAsync($"/api/me/favourites/{lamp.Id}", null, Ct)).StatusCode);
        (await other.Client.PutAsync($"/api/me/favourites/{lamp.Id}", null, Ct)).EnsureSuccessStatusCode();
        (await seller.Client.PutAsJsonAsync($"/api/listings/{chair.Id}",
            new { title = "Chair", description = "Oak.", price = "35.00", categorySlug = "furniture", status = "Sold" }, Ct)).EnsureSuccessStatusCode();
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{table.Id}/remove", new { reason = "Stolen goods" }, Ct)).EnsureSuccessStatusCode();

        var saved = await (await buyer.Client.GetAsync("/api/me/favourites", Ct)).ReadAsync<FavouritePage>();

        Assert.Equal([(table.Id, "Table", true), (chair.Id, "Chair", false), (lamp.Id, "Lamp", false)], saved.Items.Select(f => (f.ListingId, f.Title, f.Removed)));
        Assert.Equal([ListingStatus.Active, ListingStatus.Sold, ListingStatus.Active], saved.Items.Select(f => f.Status).Reverse());
        Assert.Equal(20m, saved.Items[^1].Price);
        var mine = await (await seller.Client.GetAsync("/api/me/listings", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(2, mine.Items.Single(l => l.Id == lamp.Id).FavouriteCount);
        Assert.Equal(1, mine.Items.Single(l => l.Id == chair.Id).FavouriteCount);
        // Others' answers carry no count.
        Assert.Null((await (await App.CreateClient().GetAsync($"/api/listings/{lamp.Id}", Ct)).ReadAsync<ListingResponse>()).FavouriteCount);

        var hearts = await (await buyer.Client.GetAsync($"/api/me/favourite-ids?listingId={lamp.Id}&listingId={chair.Id}&listingId={long.MaxValue}", Ct))
            .ReadAsync<FavouriteIdsResponse>();
        Assert.Equal(new[] { lamp.Id, chair.Id }.Order(), hearts.ListingIds);

        // Taken off whatever became of it, and taking off one not saved is harmless.
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Client.DeleteAsync($"/api/me/favourites/{table.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Client.DeleteAsync($"/api/me/favourites/{table.Id}", Ct)).StatusCode);
        Assert.Equal(2, (await (await buyer.Client.GetAsync("/api/me/favourites", Ct)).ReadAsync<FavouritePage>()).Items.Count);
    }

    [Fact]
    public async Task A_listing_one_cannot_see_is_a_404_and_ones_own_a_409_and_nothing_is_saved()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var draft = await seller.CreateListingAsync("Draft", status: "Draft");
        var archived = await seller.CreateListingAsync("Archived");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();
        var own = await seller.CreateListingAsync("Mine");

        foreach (var id in new[] { draft.Id, archived.Id, long.MaxValue })
        {
            await (await buyer.Client.PutAsync($"/api/me/favourites/{id}", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await seller.Client.PutAsync($"/api/me/favourites/{own.Id}", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await App.CreateClient().PutAsync($"/api/me/favourites/{own.Id}", null, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty((await (await buyer.Client.GetAsync("/api/me/favourites", Ct)).ReadAsync<FavouritePage>()).Items);
        Assert.Empty((await (await seller.Client.GetAsync("/api/me/favourites", Ct)).ReadAsync<FavouritePage>()).Items);
    }

    [Fact]
    public async Task The_saved_list_comes_a_page_at_a_time_and_the_heart_lookup_takes_at_most_a_page_of_cards()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var listing = await seller.CreateListingAsync($"Item {i}");
            (await buyer.Client.PutAsync($"/api/me/favourites/{listing.Id}", null, Ct)).EnsureSuccessStatusCode();
            ids.Add(listing.Id);
        }

        var first = await (await buyer.Client.GetAsync("/api/me/favourites?limit=3", Ct)).ReadAsync<FavouritePage>();
        var second = await (await buyer.Client.GetAsync($"/api/me/favourites?limit=3&cursor={Uri.EscapeDataString(first.NextCursor!)}", Ct)).ReadAsync<FavouritePage>();

        Assert.Equal(Enumerable.Reverse(ids), first.Items.Concat(second.Items).Select(f => f.ListingId));
        Assert.Null(second.NextCursor);
        var tooMany = string.Join('&', Enumerable.Range(1, 101).Select(i => $"listingId={i}"));
        await (await buyer.Client.GetAsync($"/api/me/favourite-ids?{tooMany}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "listingId");
    }
}
