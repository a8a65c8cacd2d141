using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Reports: a signed-in user reports a listing (one open report each), admins read them, and removing the listing resolves
/// its open reports, counted in the removal's one audit row (no row of their own: report_resolved is written only from the
/// next release, which the release before this one could not read).
/// </summary>
public sealed class ListingReportTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task A_user_reports_a_listing_once_while_it_is_open_and_again_once_its_removal_resolved_it_and_it_was_restored()
    {
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var listing = await seller.CreateListingAsync("Designer bag");

        using var first = await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "  A counterfeit.  " }, Ct);
        using var second = await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "Still counterfeit." }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.Conflict);
        var open = await ReportsAsync(admin, $"listingId={listing.Id}");
        var report = Assert.Single(open.Items);
        Assert.Equal((listing.Id, "Designer bag", reporter.Id, "A counterfeit.", ReportStatus.Open), (report.ListingId, report.ListingTitle, report.ReporterId, report.Reason, report.Status));

        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Counterfeit" }, Ct)).EnsureSuccessStatusCode();
        (await admin.Client.PostAsync($"/api/admin/listings/{listing.Id}/restore", null, Ct)).EnsureSuccessStatusCode();

        // Restoring the listing does not reopen the report its removal resolved.
        Assert.Empty((await ReportsAsync(admin, $"listingId={listing.Id}")).Items);
        Assert.Equal([report.Id], (await ReportsAsync(admin, $"listingId={listing.Id}&status=Resolved")).Items.Select(r => r.Id));
        using var again = await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "Back again." }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(["Back again."], (await ReportsAsync(admin, $"listingId={listing.Id}")).Items.Select(r => r.Reason));
    }

    [Fact]
    public async Task Two_reports_sent_at_once_by_one_user_store_one_and_answer_the_other_409()
    {
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Bag");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = $"Fake {i}" }, Ct)));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ListingReport" WHERE "ListingId" = {listing.Id}""", Ct));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Ones_own_listing_is_a_409_what_the_caller_cannot_see_a_404_a_blank_reason_a_400_and_no_token_a_401()
    {
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Bag");
        var draft = await seller.CreateListingAsync("Draft bag", status: "Draft");
        var removed = await seller.CreateListingAsync("Removed bag");
        await App.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'Spam' WHERE "Id" = {removed.Id}""", Ct);
        var reason = new { reason = "Fake." };

        await (await seller.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", reason, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await reporter.Client.PostAsJsonAsync($"/api/listings/{draft.Id}/reports", reason, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.Client.PostAsJsonAsync($"/api/listings/{removed.Id}/reports", reason, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.Client.PostAsJsonAsync($"/api/listings/{long.MaxValue}/reports", reason, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "   " }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = new string('r', 1001) }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await App.CreateClient().PostAsJsonAsync($"/api/listings/{listing.Id}/reports", reason, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ListingReport" WHERE "ListingId" IN ({listing.Id}, {draft.Id}, {removed.Id})""", Ct));
    }

    [Fact]
    public async Task Admins_read_open_reports_newest_first_by_page_filtered_and_others_may_not()
    {
        var seller = await App.SignUpAsync();
        var alice = await App.SignUpAsync();
        var bob = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var bag = await seller.CreateListingAsync("Bag");
        var watch = await seller.CreateListingAsync("Watch");
        foreach (var (who, what) in new[] { (alice, bag), (bob, bag), (alice, watch) })
        {
            (await who.Client.PostAsJsonAsync($"/api/listings/{what.Id}/reports", new { reason = $"{what.Title} is fake" }, Ct)).EnsureSuccessStatusCode();
        }

        var pages = new List<ReportPage>();
        string? cursor = null;
        do
        {
            pages.Add(await ReportsAsync(admin, $"listingId={bag.Id}&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}"));
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([bob.Id, alice.Id], pages.SelectMany(p => p.Items).Select(r => r.ReporterId));
        Assert.Equal(["Watch is fake", "Bag is fake"], (await ReportsAsync(admin, $"reporterId={alice.Id}")).Items.Select(r => r.Reason));
        Assert.Empty((await ReportsAsync(admin, $"reporterId={alice.Id}&status=Resolved")).Items);
        await (await admin.Client.GetAsync("/api/admin/reports?cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await admin.Client.GetAsync("/api/admin/reports?status=Closed", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await admin.Client.GetAsync("/api/admin/reports?limit=201", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await alice.Client.GetAsync("/api/admin/reports", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await App.CreateClient().GetAsync("/api/admin/reports", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Removing_a_listing_resolves_its_open_reports_in_its_one_audit_row_and_leaves_another_listings_report_open()
    {
        var seller = await App.SignUpAsync();
        var alice = await App.SignUpAsync();
        var bob = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var bag = await seller.CreateListingAsync("Bag");
        var watch = await seller.CreateListingAsync("Watch");
        foreach (var (who, what) in new[] { (alice, bag), (bob, bag), (alice, watch) })
        {
            (await who.Client.PostAsJsonAsync($"/api/listings/{what.Id}/reports", new { reason = $"{what.Title} is fake" }, Ct)).EnsureSuccessStatusCode();
        }

        using var removed = await admin.Client.PostAsJsonAsync($"/api/admin/listings/{bag.Id}/remove", new { reason = " Counterfeit, two reports. " }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty((await ReportsAsync(admin, $"listingId={bag.Id}")).Items);
        var resolved = (await ReportsAsync(admin, $"listingId={bag.Id}&status=Resolved")).Items;
        Assert.Equal([bob.Id, alice.Id], resolved.Select(r => r.ReporterId));
        Assert.All(resolved, r =>
        {
            Assert.Equal((ReportStatus.Resolved, admin.Id, "Counterfeit, two reports."), (r.Status, r.ResolvedById, r.ResolutionNote));
            Assert.NotNull(r.ResolvedAt);
        });
        Assert.Single(resolved.Select(r => r.ResolvedAt).Distinct());
        var stillOpen = Assert.Single((await ReportsAsync(admin, $"listingId={watch.Id}")).Items);
        Assert.Equal((alice.Id, ReportStatus.Open, null, null), (stillOpen.ReporterId, stillOpen.Status, stillOpen.ResolvedAt, stillOpen.ResolvedById));
        var entry = Assert.Single(await App.AuditAsync(admin, $"adminId={admin.Id}"));
        Assert.Equal(("ListingRemoved", "Listing", $"{bag.Id}"),
            (entry.GetProperty("action").GetString(), entry.GetProperty("targetType").GetString(), entry.GetProperty("targetId").GetString()));
        Assert.Equal(2, entry.GetProperty("details").GetProperty("after").GetProperty("reportsResolved").GetInt32());
    }

    [Fact]
    public async Task Removing_a_listing_without_reports_counts_none_and_a_refused_removal_resolves_nothing()
    {
        var (admin, listing, report) = await OpenReportAsync();
        var quiet = await (await App.SignUpAsync()).CreateListingAsync("Lamp");

        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{quiet.Id}/remove", new { reason = "Spam" }, Ct)).EnsureSuccessStatusCode();
        await (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "   " }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "reason");

        var entry = Assert.Single(await App.AuditAsync(admin, $"adminId={admin.Id}"));
        Assert.Equal(0, entry.GetProperty("details").GetProperty("after").GetProperty("reportsResolved").GetInt32());
        Assert.Equal([report.Id], (await ReportsAsync(admin, $"listingId={listing.Id}")).Items.Select(r => r.Id));
    }

    /// <summary>An admin, and an open report a user filed about another user's listing.</summary>
    private async Task<(Account Admin, ListingResponse Listing, ReportResponse Report)> OpenReportAsync()
    {
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var listing = await seller.CreateListingAsync("Bag");
        (await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "Fake." }, Ct)).EnsureSuccessStatusCode();
        return (admin, listing, Assert.Single((await ReportsAsync(admin, $"listingId={listing.Id}")).Items));
    }

    private static async Task<ReportPage> ReportsAsync(Account admin, string query) =>
        await (await admin.Client.GetAsync($"/api/admin/reports?{query}", Ct)).ReadAsync<ReportPage>();
}
