using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;
using static Marketplace.Tests.Api.ApiCalls;
using ListingCategory = Marketplace.Contracts.Listings.ListingCategory;
using ListingStatus = Marketplace.Contracts.Listings.ListingStatus;

namespace Marketplace.Tests.Api;

/// <summary>GET, PUT and DELETE /api/listings/{id}: only the seller changes a listing, and to anyone else it may as well not exist.</summary>
public sealed class ListingOwnershipTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    private static object Replacement(string title = "Walnut desk, refinished", decimal price = 150m, string categorySlug = "furniture", string? status = null) =>
        new { title, description = "Refinished in oil.", price, categorySlug, status };

    [Fact]
    public async Task The_seller_replaces_a_listing_and_the_category_and_legacy_column_move_together()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();

        using var response = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            Replacement(title: "Road bike", price: 99.95m, categorySlug: "sports", status: "Sold"), Ct);

        var updated = await response.ReadAsync<ListingResponse>();
        Assert.Equal(("Road bike", 99.95m, "sports", ListingCategory.Sports, ListingStatus.Sold),
            (updated.Title, updated.Price, updated.CategorySlug, updated.Category, updated.Status));
        Assert.True(updated.UpdatedAt > listing.UpdatedAt);
        Assert.Equal("Road bike|99.95|sports|sports|sold", await App.Db.ScalarAsync<string>($"""
            SELECT concat_ws('|', l."Title", l."Price", c."Slug", l."Category", l."Status")
            FROM "Listing" l JOIN "Category" c ON c."Id" = l."CategoryId" WHERE l."Id" = {listing.Id}
            """, Ct));
    }

    [Fact]
    public async Task Leaving_out_the_status_on_PUT_keeps_it()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();

        using var response = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", Replacement(), Ct);

        Assert.Equal(ListingStatus.Active, (await response.ReadAsync<ListingResponse>()).Status);
    }

    [Fact]
    public async Task Someone_elses_listing_is_a_404_for_PUT_and_DELETE_and_stays_as_it_was()
    {
        var seller = await App.SignUpAsync();
        var stranger = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var before = await RowAsync(listing.Id);

        using var put = await stranger.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", Replacement(), Ct);
        using var delete = await stranger.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct);
        using var missing = await stranger.Client.DeleteAsync("/api/listings/999999999", Ct);

        var putProblem = await put.AssertProblemAsync(HttpStatusCode.NotFound);
        var deleteProblem = await delete.AssertProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        // The same answer as for a listing that does not exist: no hint that this one does.
        Assert.Equal(missingProblem.GetProperty("title").GetString(), deleteProblem.GetProperty("title").GetString());
        Assert.Equal(putProblem.GetProperty("title").GetString(), deleteProblem.GetProperty("title").GetString());
        Assert.Equal(before, await RowAsync(listing.Id));
    }

    [Fact]
    public async Task Archiving_hides_the_listing_from_everyone_but_its_seller_and_twice_is_harmless()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync(title: $"Archived {Guid.NewGuid():N}");
        using var anonymous = App.CreateClient();

        using var first = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct);
        using var second = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("archived", await App.Db.ScalarAsync<string>($"""SELECT "Status"::text FROM "Listing" WHERE "Id" = {listing.Id}""", Ct));
        await (await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(ListingStatus.Archived, (await (await seller.Client.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).Status);
        var page = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}", Ct)).ReadAsync<ListingPage>();
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task An_archived_listing_cannot_be_replaced()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct)).Dispose();
        var before = await RowAsync(listing.Id);

        using var response = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}", Replacement(), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await RowAsync(listing.Id));
    }

    [Theory]
    [InlineData("""{"title": "", "description": "d", "price": 1, "categorySlug": "toys"}""", "title")]
    [InlineData("""{"title": "t", "description": "d", "price": 1.001, "categorySlug": "toys"}""", "price")]
    [InlineData("""{"title": "t", "description": "d", "price": 1, "categorySlug": "nowhere"}""", "categorySlug")]
    [InlineData("""{"title": "t", "description": "d", "price": 1, "categorySlug": "toys", "category": "Vehicles"}""", "category")]
    [InlineData("""{"title": "t", "description": "d", "price": 1, "categorySlug": "toys", "status": "Archived"}""", "status")]
    public async Task A_bad_replacement_is_a_400_naming_the_field_and_the_listing_is_unchanged(string body, string field)
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        var before = await RowAsync(listing.Id);

        using var response = await seller.Client.PutAsync($"/api/listings/{listing.Id}", RawJson(body), Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await RowAsync(listing.Id));
    }

    [Fact]
    public async Task Changing_or_archiving_without_a_token_is_a_401_problem()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        using var anonymous = App.CreateClient();

        await (await anonymous.PutAsJsonAsync($"/api/listings/{listing.Id}", Replacement(), Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"/api/listings/{listing.Id}", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(ListingStatus.Active, (await (await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).Status);
    }

    // Ids are {id:long} route constraints: anything that is not a 64-bit integer matches no route, which is a 404 like
    // an id that does not exist (documented in the README), never a 500.
    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("999999999")]
    public async Task An_id_that_is_not_a_listing_is_a_404_problem(string id)
    {
        var seller = await App.SignUpAsync();

        await (await seller.Client.GetAsync($"/api/listings/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await seller.Client.PutAsJsonAsync($"/api/listings/{id}", Replacement(), Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await seller.Client.DeleteAsync($"/api/listings/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<string> RowAsync(long id) => App.Db.ScalarAsync<string>($"""
        SELECT concat_ws('|', "Title", "Description", "Price", "CategoryId", "Category", "Status", "SellerId", "UpdatedAt")
        FROM "Listing" WHERE "Id" = {id}
        """, Ct);
}
