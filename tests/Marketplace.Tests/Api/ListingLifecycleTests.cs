using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Relisting an archived listing and deleting a draft that was never published; a listing once public is only archived,
/// and one an admin removed stays the admins' to restore.
/// </summary>
public sealed class ListingLifecycleTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task An_archived_listing_relisted_is_active_again_as_it_was_and_found_by_search()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Relisted harmonium", price: 410m);
        (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct)).EnsureSuccessStatusCode();

        using var relisted = await seller.Client.PostAsync($"/api/listings/{listing.Id}/relist", null, Ct);

        var answer = await relisted.ReadAsync<ListingResponse>();
        Assert.Equal((ListingStatus.Active, "Relisted harmonium", 410m, "EUR"), (answer.Status, answer.Title, answer.Price, answer.Currency));
        Assert.Equal([], answer.Images!);
        var found = await (await App.CreateClient().GetAsync("/api/listings?q=harmonium", Ct)).ReadAsync<ListingPage>();
        Assert.Contains(found.Items, l => l.Id == listing.Id);
        Assert.Equal("active", await App.Db.ScalarAsync<string>($"""SELECT "Status"::text FROM "Listing" WHERE "Id" = {listing.Id}""", Ct));
    }

    [Fact]
    public async Task Relisting_an_active_listing_leaves_it_so_and_a_draft_or_a_sold_one_is_a_409()
    {
        var seller = await App.SignUpAsync();
        var active = await seller.CreateListingAsync("Active kettle");
        var draft = await seller.CreateListingAsync("Draft kettle", status: "Draft");
        var sold = await seller.CreateListingAsync("Sold kettle", status: "Sold");

        using var again = await seller.Client.PostAsync($"/api/listings/{active.Id}/relist", null, Ct);
        using var ofDraft = await seller.Client.PostAsync($"/api/listings/{draft.Id}/relist", null, Ct);
        using var ofSold = await seller.Client.PostAsync($"/api/listings/{sold.Id}/relist", null, Ct);

        Assert.Equal(ListingStatus.Active, (await again.ReadAsync<ListingResponse>()).Status);
        Assert.Equal(ListingProblemTypes.NotArchived, (await ofDraft.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(ListingProblemTypes.NotArchived, (await ofSold.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal("draft|sold", await App.Db.ScalarAsync<string>(
            $"""SELECT string_agg("Status"::text, '|' ORDER BY "Id") FROM "Listing" WHERE "Id" IN ({draft.Id}, {sold.Id})""", Ct));
    }

    [Fact]
    public async Task A_listing_an_admin_removed_is_neither_relisted_nor_deleted_by_its_seller()
    {
        var seller = await App.SignUpAsync();
        var archived = await seller.CreateListingAsync("Removed banjo");
        var draft = await seller.CreateListingAsync("Removed draft banjo", status: "Draft");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();
        await App.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'Counterfeit' WHERE "Id" IN ({archived.Id}, {draft.Id})""", Ct);

        using var relisted = await seller.Client.PostAsync($"/api/listings/{archived.Id}/relist", null, Ct);
        using var deleted = await seller.Client.DeleteAsync($"/api/listings/{draft.Id}/draft", Ct);

        Assert.Equal(ListingProblemTypes.Removed, (await relisted.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(ListingProblemTypes.Removed, (await deleted.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal("archived|draft", await App.Db.ScalarAsync<string>(
            $"""SELECT string_agg("Status"::text, '|' ORDER BY "Id") FROM "Listing" WHERE "Id" IN ({archived.Id}, {draft.Id})""", Ct));
    }

    [Fact]
    public async Task A_draft_never_published_is_deleted_with_its_photos_and_is_then_a_404()
    {
        var seller = await App.SignUpAsync();
        var draft = await seller.CreateListingAsync("Draft accordion", status: "Draft");
        await App.Db.ExecuteAsync($"""
            INSERT INTO "ListingImage" ("ListingId", "Position", "ExternalUrl", "AltText") VALUES ({draft.Id}, 0, 'https://example.com/a.jpg', 'Accordion')
            """, Ct);

        using var deleted = await seller.Client.DeleteAsync($"/api/listings/{draft.Id}/draft", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await seller.Client.GetAsync($"/api/listings/{draft.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>(
            $"""SELECT (SELECT count(*) FROM "Listing" WHERE "Id" = {draft.Id}) + (SELECT count(*) FROM "ListingImage" WHERE "ListingId" = {draft.Id})""", Ct));
        using var again = await seller.Client.DeleteAsync($"/api/listings/{draft.Id}/draft", Ct);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_listing_once_published_is_never_deleted_nor_sent_back_to_draft_and_its_reports_stay()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Published cello");
        (await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "Looks stolen." }, Ct)).EnsureSuccessStatusCode();

        using var deleted = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/draft", Ct);
        using var backToDraft = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            new { title = listing.Title, description = listing.Description, price = "10.00", categorySlug = "furniture", status = "Draft" }, Ct);
        // Archived, and its report still there for the admins.
        (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct)).EnsureSuccessStatusCode();
        using var deletedArchived = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}/draft", Ct);

        Assert.Equal(ListingProblemTypes.Published, (await deleted.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(ListingProblemTypes.Published, (await backToDraft.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal(ListingProblemTypes.Published, (await deletedArchived.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        Assert.Equal("archived|120.00|1", await App.Db.ScalarAsync<string>($"""
            SELECT concat_ws('|', "Status", "Price", (SELECT count(*) FROM "ListingReport" WHERE "ListingId" = {listing.Id}))
            FROM "Listing" WHERE "Id" = {listing.Id}
            """, Ct));
    }

    [Fact]
    public async Task Someone_elses_listing_is_a_404_to_relist_and_to_delete_and_stays_as_it_was()
    {
        var seller = await App.SignUpAsync();
        var stranger = await App.SignUpAsync();
        var archived = await seller.CreateListingAsync("Archived zither");
        var draft = await seller.CreateListingAsync("Draft zither", status: "Draft");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();

        using var relisted = await stranger.Client.PostAsync($"/api/listings/{archived.Id}/relist", null, Ct);
        using var deleted = await stranger.Client.DeleteAsync($"/api/listings/{draft.Id}/draft", Ct);

        await relisted.AssertProblemAsync(HttpStatusCode.NotFound);
        await deleted.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("archived|draft", await App.Db.ScalarAsync<string>(
            $"""SELECT string_agg("Status"::text, '|' ORDER BY "Id") FROM "Listing" WHERE "Id" IN ({archived.Id}, {draft.Id})""", Ct));
    }
}
