using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>GET /api/me/listings: a seller's own listings in every status, newest first, a signed page at a time.</summary>
public sealed class MyListingsTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Anonymous_callers_get_a_401_problem()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.GetAsync("/api/me/listings", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_seller_sees_drafts_active_sold_archived_and_removed_listings_newest_first_and_nobody_elses()
    {
        var seller = await App.SignUpAsync();
        var other = await App.SignUpAsync();
        var draft = await seller.CreateListingAsync("Draft chair", status: "Draft");
        var active = await seller.CreateListingAsync("Active chair");
        var sold = await seller.CreateListingAsync("Sold chair", status: "Sold");
        var archived = await seller.CreateListingAsync("Archived chair");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();
        var removed = await seller.CreateListingAsync("Removed chair");
        await App.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'Counterfeit' WHERE "Id" = {removed.Id}""", Ct);
        await other.CreateListingAsync("Someone else's chair");

        var page = await (await seller.Client.GetAsync("/api/me/listings", Ct)).ReadAsync<ListingPage>();

        Assert.Equal([removed.Id, archived.Id, sold.Id, active.Id, draft.Id], page.Items.Select(l => l.Id));
        Assert.Equal(["Active", "Archived", "Sold", "Active", "Draft"], page.Items.Select(l => l.Status.ToString()));
        Assert.NotNull(page.Items[0].RemovedAt);
        Assert.All(page.Items.Skip(1), l => Assert.Null(l.RemovedAt));
        Assert.All(page.Items, l => Assert.Equal((seller.Id, "EUR", "furniture"), (l.SellerId, l.Currency, l.CategorySlug)));
        Assert.Null(page.NextCursor);
        var theirs = await (await other.Client.GetAsync("/api/me/listings", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(["Someone else's chair"], theirs.Items.Select(l => l.Title));
    }

    [Fact]
    public async Task Status_narrows_the_list_given_once_or_repeated_and_an_unknown_one_is_a_400_naming_it()
    {
        var seller = await App.SignUpAsync();
        var draft = await seller.CreateListingAsync("Draft lamp", status: "Draft");
        await seller.CreateListingAsync("Active lamp");
        var sold = await seller.CreateListingAsync("Sold lamp", status: "Sold");

        var drafts = await (await seller.Client.GetAsync("/api/me/listings?status=Draft", Ct)).ReadAsync<ListingPage>();
        var unsold = await (await seller.Client.GetAsync("/api/me/listings?status=Sold&status=Draft", Ct)).ReadAsync<ListingPage>();

        Assert.Equal([draft.Id], drafts.Items.Select(l => l.Id));
        Assert.Equal([sold.Id, draft.Id], unsold.Items.Select(l => l.Id));
        await (await seller.Client.GetAsync("/api/me/listings?status=Reserved", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await seller.Client.GetAsync("/api/me/listings?status=7", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Pages_follow_each_other_without_repeats_or_gaps_and_only_this_lists_cursors_are_taken()
    {
        var seller = await App.SignUpAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await seller.CreateListingAsync($"Stool {i}", status: i % 2 == 0 ? "Active" : "Draft")).Id);
        }

        var pages = new List<ListingPage>();
        string? cursor = null;
        do
        {
            pages.Add(await (await seller.Client.GetAsync($"/api/me/listings?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Ct)).ReadAsync<ListingPage>());
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Reverse(ids), pages.SelectMany(p => p.Items).Select(l => l.Id));
        Assert.Null(pages[0].PreviousCursor);
        var back = await (await seller.Client.GetAsync($"/api/me/listings?limit=2&cursor={pages[2].PreviousCursor}", Ct)).ReadAsync<ListingPage>();
        var backToFirst = await (await seller.Client.GetAsync($"/api/me/listings?limit=2&cursor={back.PreviousCursor}", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(pages[1].Items.Select(l => l.Id), back.Items.Select(l => l.Id));
        Assert.Equal(pages[0].Items.Select(l => l.Id), backToFirst.Items.Select(l => l.Id));
        Assert.Null(backToFirst.PreviousCursor);
        var searchCursor = (await (await App.CreateClient().GetAsync("/api/listings?limit=1", Ct)).ReadAsync<ListingPage>()).NextCursor;
        Assert.NotNull(searchCursor);
        await (await seller.Client.GetAsync($"/api/me/listings?cursor={searchCursor}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        var searchPreviousCursor = (await (await App.CreateClient().GetAsync($"/api/listings?limit=1&cursor={searchCursor}", Ct)).ReadAsync<ListingPage>()).PreviousCursor;
        await (await seller.Client.GetAsync($"/api/me/listings?cursor={searchPreviousCursor}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await seller.Client.GetAsync("/api/me/listings?cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await seller.Client.GetAsync("/api/me/listings?limit=0", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await seller.Client.GetAsync("/api/me/listings?limit=101", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}
