using System.Net;
using System.Text.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Sellers;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>GET /api/users/{id}: what anyone may know of a seller (never the email), and nothing of a suspended one.</summary>
public sealed class SellerProfileTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Anyone_sees_the_display_name_the_date_joined_and_the_active_listings_count_but_never_the_email()
    {
        var seller = await App.SignUpAsync();
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "DisplayName" = 'Ada''s attic' WHERE "Id" = '{seller.Id}'""", Ct);
        var joined = await App.Db.ScalarAsync<DateTime>($"""SELECT "CreatedAt" FROM "User" WHERE "Id" = '{seller.Id}'""", Ct);
        var first = await seller.CreateListingAsync("Lamp");
        await seller.CreateListingAsync("Desk");
        await seller.CreateListingAsync("Draft", status: "Draft");
        await seller.CreateListingAsync("Sold", status: "Sold");
        var removed = await seller.CreateListingAsync("Removed");
        await App.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'Spam' WHERE "Id" = {removed.Id}""", Ct);
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync($"/api/users/{seller.Id}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var profile = await response.ReadAsync<SellerProfileResponse>();

        Assert.Equal(new SellerProfileResponse(seller.Id, "Ada's attic", new DateTimeOffset(joined, TimeSpan.Zero), 2), profile);
        Assert.DoesNotContain(seller.Email, body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["id", "displayName", "memberSince", "activeListings"], JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => p.Name));
        // The seller's listings come from the search, by sellerId.
        var listings = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}", Ct)).ReadAsync<ListingPage>();
        Assert.Equal(["Desk", "Lamp"], listings.Items.Select(l => l.Title));
        Assert.Contains(first.Id, listings.Items.Select(l => l.Id));
    }

    [Fact]
    public async Task A_listings_own_answer_names_its_seller_as_the_profile_does_and_search_results_do_not_carry_it()
    {
        var seller = await App.SignUpAsync();
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "DisplayName" = 'Bea''s barn' WHERE "Id" = '{seller.Id}'""", Ct);
        var listing = await seller.CreateListingAsync("Barn lamp");
        using var anonymous = App.CreateClient();
        var profile = await (await anonymous.GetAsync($"/api/users/{seller.Id}", Ct)).ReadAsync<SellerProfileResponse>();

        // The listing's page shows who sells it from the listing's own answer: one call, not two.
        using var response = await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var read = await response.ReadAsync<ListingResponse>();

        Assert.Equal(new ListingSellerResponse(profile.DisplayName, profile.MemberSince), read.Seller);
        Assert.DoesNotContain(seller.Email, body, StringComparison.OrdinalIgnoreCase);
        var found = await (await anonymous.GetAsync($"/api/listings?sellerId={seller.Id}", Ct)).ReadAsync<ListingPage>();
        Assert.Null(Assert.Single(found.Items).Seller);
    }

    [Fact]
    public async Task A_suspended_seller_has_no_profile_the_same_404_as_an_id_nobody_has()
    {
        var seller = await App.SignUpAsync();
        await seller.CreateListingAsync("Lamp");
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/users/{seller.Id}", Ct)).StatusCode);
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "SuspendedAt" = now(), "SuspensionReason" = 'Fraud' WHERE "Id" = '{seller.Id}'""", Ct);

        var suspended = await (await anonymous.GetAsync($"/api/users/{seller.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var nobody = await (await anonymous.GetAsync($"/api/users/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(nobody.GetProperty("title").GetString(), suspended.GetProperty("title").GetString());
        Assert.DoesNotContain("suspend", suspended.GetRawText(), StringComparison.OrdinalIgnoreCase);
        await (await anonymous.GetAsync("/api/users/not-a-guid", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
