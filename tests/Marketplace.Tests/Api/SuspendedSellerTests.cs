using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;
using static Marketplace.Tests.Api.ImageUploads;

namespace Marketplace.Tests.Api;

/// <summary>
/// A suspended seller is out of business: their listings leave search, answer as removed listings do, take no message
/// or report, and their photos are not served; the open reports about them close with the suspension, in its one audit
/// row. Reinstating brings every listing back exactly as it was (a listing removed on its own stays removed). On a real
/// Azurite, for the photos.
/// </summary>
public sealed class SuspendedSellerTests(ImagesApi images) : IClassFixture<ImagesApi>
{
    private ApiApp App => images.App;

    [Fact]
    public async Task A_suspended_sellers_listings_are_nowhere_a_buyer_looks_and_reinstating_brings_them_back_as_they_were()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var lamp = await seller.CreateListingAsync($"Brass lamp {word}");
        var sold = await seller.CreateListingAsync($"Oak chair {word}");
        (await seller.Client.PutAsJsonAsync($"/api/listings/{sold.Id}", new { title = sold.Title, description = sold.Description, price = "35.00", categorySlug = "furniture", status = "Sold" }, Ct)).EnsureSuccessStatusCode();
        var archived = await seller.CreateListingAsync($"Old desk {word}");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();
        var removed = await seller.CreateListingAsync($"Replica bag {word}");
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{removed.Id}/remove", new { reason = "Counterfeit" }, Ct)).EnsureSuccessStatusCode();
        var photo = (await (await seller.UploadJpegAsync(lamp.Id, TestImages.Jpeg(400, 300))).ReadAsync<ListingImageList>(HttpStatusCode.Created)).Images[0];
        (await buyer.Client.PostAsJsonAsync($"/api/listings/{sold.Id}/reports", new { reason = "Not really sold." }, Ct)).EnsureSuccessStatusCode();
        var before = await RowsAsync(seller.Id);
        using var anonymous = App.CreateClient();
        Assert.Equal(new[] { sold.Id, lamp.Id }.Order(), (await SearchAsync(anonymous, $"q={word}&status=Active")).Concat(await SearchAsync(anonymous, $"q={word}&status=Sold")).Order());

        using (var suspended = await admin.Client.PostAsJsonAsync($"/api/admin/users/{seller.Id}/suspend", new { reason = "Counterfeit goods" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspended.StatusCode);
        }

        Assert.Empty(await SearchAsync(anonymous, $"q={word}"));
        Assert.Empty(await SearchAsync(anonymous, $"q={word}&status=Sold"));
        Assert.Empty(await SearchAsync(anonymous, $"sellerId={seller.Id}"));
        Assert.Empty(await SearchAsync(buyer.Client, $"sellerId={seller.Id}&status=Sold"));
        await (await anonymous.GetAsync($"/api/listings/{lamp.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.Client.GetAsync($"/api/listings/{sold.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{lamp.Id}/contact", new { message = "Still there?" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{lamp.Id}/reports", new { reason = "Fake." }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync(photo.ThumbnailUrl, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.Client.GetAsync(photo.DisplayUrl, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        // Admins still see all of it, to decide on an appeal.
        Assert.Equal(lamp.Id, (await (await admin.Client.GetAsync($"/api/listings/{lamp.Id}", Ct)).ReadAsync<ListingResponse>()).Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(photo.ThumbnailUrl, Ct)).StatusCode);
        // The open report about the seller's listing closed with the suspension, counted in its one audit row.
        var report = Assert.Single((await (await admin.Client.GetAsync($"/api/admin/reports?listingId={sold.Id}&status=Resolved", Ct)).ReadAsync<ReportPage>()).Items);
        Assert.Equal((admin.Id, "The seller was suspended: Counterfeit goods"), (report.ResolvedById, report.ResolutionNote));
        var entry = Assert.Single(await App.AuditAsync(admin, $"targetType=User&targetId={seller.Id}"));
        Assert.Equal(("UserSuspended", 4, 1), (entry.GetProperty("action").GetString(),
            entry.GetProperty("details").GetProperty("after").GetProperty("listingsHidden").GetInt32(),
            entry.GetProperty("details").GetProperty("after").GetProperty("reportsResolved").GetInt32()));

        (await admin.Client.PostAsJsonAsync($"/api/admin/users/{seller.Id}/reinstate", new { reason = "Appeal granted" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(before, await RowsAsync(seller.Id));
        Assert.Equal([lamp.Id], await SearchAsync(anonymous, $"q={word}"));
        Assert.Equal([sold.Id], await SearchAsync(anonymous, $"q={word}&status=Sold"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(photo.ThumbnailUrl, Ct)).StatusCode);
        await (await anonymous.GetAsync($"/api/listings/{removed.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/listings/{archived.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        using var contact = await buyer.Client.PostAsJsonAsync($"/api/listings/{lamp.Id}/contact", new { message = "Still there?" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, contact.StatusCode);
    }

    [Fact]
    public async Task Removing_restoring_suspending_and_reinstating_each_mail_the_seller_with_the_reason_and_replies_going_to_support()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Garden <gnome>");

        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Not a <real> gnome" }, Ct)).EnsureSuccessStatusCode();
        var removal = await App.Inbox.WaitForMailAsync(seller.Email, 2, cancellationToken: Ct);
        (await admin.Client.PostAsync($"/api/admin/listings/{listing.Id}/restore", null, Ct)).EnsureSuccessStatusCode();
        var restoral = await App.Inbox.WaitForMailAsync(seller.Email, 3, cancellationToken: Ct);
        (await admin.Client.PostAsJsonAsync($"/api/admin/users/{seller.Id}/suspend", new { reason = "Fake goods" }, Ct)).EnsureSuccessStatusCode();
        var suspension = await App.Inbox.WaitForMailAsync(seller.Email, 4, cancellationToken: Ct);
        (await admin.Client.PostAsync($"/api/admin/users/{seller.Id}/reinstate", null, Ct)).EnsureSuccessStatusCode();
        var reinstatement = await App.Inbox.WaitForMailAsync(seller.Email, 5, cancellationToken: Ct);

        Assert.Equal("We removed your listing \"Garden <gnome>\"", removal.Subject);
        Assert.Contains("Why: Not a <real> gnome", removal.TextBody, StringComparison.Ordinal);
        Assert.Contains("Why: Not a &lt;real&gt; gnome", removal.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"reply to this mail (it goes to {SmtpInbox.SupportAddress})", removal.TextBody, StringComparison.Ordinal);
        Assert.Equal($"{ApiApp.PublicBaseUrl}/listings/{listing.Id}", removal.Link($"/listings/{listing.Id}").AbsoluteUri);
        Assert.Equal("Your listing \"Garden <gnome>\" is back", restoral.Subject);
        Assert.Equal("Your marketplace account is suspended", suspension.Subject);
        Assert.Contains("Why: Fake goods", suspension.TextBody, StringComparison.Ordinal);
        Assert.Equal("Your marketplace account is open again", reinstatement.Subject);
        foreach (var mail in new[] { removal, restoral, suspension, reinstatement })
        {
            Assert.Equal([SmtpInbox.SupportAddress], mail.Message.ReplyTo.Mailboxes.Select(m => m.Address));
        }

        // A refused action mails nothing: its mail would have committed with it.
        await (await admin.Client.PostAsync($"/api/admin/listings/{listing.Id}/restore", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsync($"/api/admin/users/{seller.Id}/reinstate", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(5L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "OutboxMail" WHERE "ToAddress" = '{seller.Email}'""", Ct));
    }

    private static async Task<List<long>> SearchAsync(HttpClient client, string query) =>
        [.. (await (await client.GetAsync($"/api/listings?{query}", Ct)).ReadAsync<ListingPage>()).Items.Select(l => l.Id)];

    /// <summary>Every column a listing of the seller has, as text: what reinstating must give back unchanged.</summary>
    private async Task<List<string>> RowsAsync(Guid sellerId) => await App.Db.ColumnAsync($"""
        SELECT l::text FROM "Listing" l WHERE "SellerId" = '{sellerId}' ORDER BY "Id"
        """, Ct);
}
