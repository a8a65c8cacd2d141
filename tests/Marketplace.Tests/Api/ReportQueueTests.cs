using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Tests.Support;
using Npgsql;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The admins' queue of open reports, one case per listing, and the three ways a case closes: a report dismissed with a
/// note (one report_resolved audit row on the report, its reporter free to report again), the listing removed, or its
/// seller suspended. And the race between a report and a removal: a report filed while the removal holds the listing
/// ends resolved, never open on a listing nobody sees.
/// </summary>
public sealed class ReportQueueTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task The_queue_holds_one_case_per_listing_oldest_first_or_newest_first_with_its_reasons_the_listing_and_the_sellers_history()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var admin = await app.SignUpAdminAsync();
        var seller = await app.SignUpAsync();
        var other = await app.SignUpAsync();
        var (alice, bob) = (await app.SignUpAsync(), await app.SignUpAsync());
        var bag = await seller.CreateListingAsync("Designer bag");
        var watch = await other.CreateListingAsync("Gold watch");
        var earlier = await seller.CreateListingAsync("Earlier bag");
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{earlier.Id}/remove", new { reason = "Counterfeit" }, Ct)).EnsureSuccessStatusCode();
        await ReportAsync(alice, bag, "A counterfeit.");
        await ReportAsync(bob, bag, "Fake logo.");
        await ReportAsync(alice, watch, "Stolen, I think.");

        var oldest = await QueueAsync(admin, "");
        var newest = await QueueAsync(admin, "order=Newest");

        Assert.Equal([bag.Id, watch.Id], oldest.Items.Select(c => c.Listing!.Id));
        Assert.Equal([watch.Id, bag.Id], newest.Items.Select(c => c.Listing!.Id));
        var bagCase = oldest.Items[0];
        Assert.Equal((ReportSubject.Listing, 2), (bagCase.Subject, bagCase.ReporterCount));
        Assert.Equal(["A counterfeit.", "Fake logo."], bagCase.Reports.Select(r => r.Reason));
        Assert.Equal([alice.Id, bob.Id], bagCase.Reports.Select(r => r.ReporterId));
        Assert.Equal(("Designer bag", "EUR", "furniture", ListingStatus.Active), (bagCase.Listing!.Title, bagCase.Listing.Currency, bagCase.Listing.CategorySlug, bagCase.Listing.Status));
        Assert.Equal((seller.Id, seller.Email), (bagCase.Account.Id, bagCase.Account.Email));
        Assert.Equal((1, 0), (bagCase.History.ListingsRemoved, bagCase.History.TimesSuspended));
        Assert.Equal((0, 0), (oldest.Items[1].History.ListingsRemoved, oldest.Items[1].History.TimesSuspended));
        Assert.True(bagCase.FirstReportedAt < bagCase.LastReportedAt);
    }

    [Fact]
    public async Task The_queue_pages_by_case_and_refuses_a_cursor_of_the_other_order()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var admin = await app.SignUpAdminAsync();
        var seller = await app.SignUpAsync();
        var reporter = await app.SignUpAsync();
        var listings = new List<ListingResponse>();
        for (var i = 0; i < 5; i++)
        {
            listings.Add(await seller.CreateListingAsync($"Lamp {i}"));
            await ReportAsync(reporter, listings[^1], $"Lamp {i} is fake.");
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await QueueAsync(admin, $"limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.Items.Select(c => c.Listing!.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var newestCursor = (await QueueAsync(admin, "order=Newest&limit=2")).NextCursor;
        Assert.Equal(listings.Select(l => l.Id), seen);
        await (await admin.Client.GetAsync($"/api/admin/reports/queue?cursor={newestCursor}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await admin.Client.GetAsync("/api/admin/reports/queue?order=Sideways", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "order");
        await (await reporter.Client.GetAsync("/api/admin/reports/queue", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dismissing_a_report_closes_it_with_the_note_in_one_report_resolved_audit_row_and_its_reporter_may_report_again()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Vintage radio");
        await ReportAsync(reporter, listing, "Looks stolen.");
        var report = Assert.Single((await ReportsAsync(admin, $"listingId={listing.Id}")).Items);

        using var dismissed = await admin.Client.PostAsJsonAsync($"/api/admin/reports/{report.Id}/dismiss", new { note = "  The seller showed a receipt.  " }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.Empty((await ReportsAsync(admin, $"listingId={listing.Id}")).Items);
        var resolved = Assert.Single((await ReportsAsync(admin, $"listingId={listing.Id}&status=Resolved")).Items);
        Assert.Equal((ReportStatus.Resolved, admin.Id, "The seller showed a receipt."), (resolved.Status, resolved.ResolvedById, resolved.ResolutionNote));
        Assert.DoesNotContain((await QueueAsync(admin, "limit=100")).Items, c => c.Listing!.Id == listing.Id);
        // The listing is untouched: still for sale to everyone.
        Assert.Null((await (await App.CreateClient().GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).RemovedAt);
        var entry = Assert.Single(await App.AuditAsync(admin, $"adminId={admin.Id}"));
        Assert.Equal(("ReportResolved", "Report", $"{report.Id}"),
            (entry.GetProperty("action").GetString(), entry.GetProperty("targetType").GetString(), entry.GetProperty("targetId").GetString()));
        Assert.Equal("The seller showed a receipt.", entry.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal(listing.Id, entry.GetProperty("details").GetProperty("after").GetProperty("listingId").GetInt64());
        // The reporter may report the listing again later; a second dismissal of the same report is refused and writes nothing.
        await ReportAsync(reporter, listing, "Still looks stolen.");
        await (await admin.Client.PostAsJsonAsync($"/api/admin/reports/{report.Id}/dismiss", new { note = "Again" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/reports/{long.MaxValue}/dismiss", new { note = "Nothing" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/reports/{report.Id}/dismiss", new { note = "  " }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "note");
        await (await reporter.Client.PostAsJsonAsync($"/api/admin/reports/{report.Id}/dismiss", new { note = "Mine" }, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single(await App.AuditAsync(admin, $"adminId={admin.Id}"));
    }

    [Fact]
    public async Task A_report_filed_while_its_listing_is_being_removed_ends_resolved_by_that_removal_not_open()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Replica sneakers");

        // A removal in progress: it holds the listing's row as the remove endpoint does (FOR UPDATE) and has written the removal.
        await using var removal = await App.Db.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await removal.BeginTransactionAsync(Ct);
        await using (var remove = new NpgsqlCommand($"""
            SELECT 1 FROM "Listing" WHERE "Id" = {listing.Id} FOR UPDATE;
            UPDATE "Listing" SET "RemovedAt" = now(), "RemovedById" = '{admin.Id}', "RemovalReason" = 'Counterfeit' WHERE "Id" = {listing.Id};
            """, removal, transaction))
        {
            await remove.ExecuteNonQueryAsync(Ct);
        }

        var filed = reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason = "Fake." }, Ct);
        await WaitUntilWaitingForALockAsync(filed);
        await transaction.CommitAsync(Ct);
        using var answer = await filed;

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Empty((await ReportsAsync(admin, $"listingId={listing.Id}")).Items);
        var report = Assert.Single((await ReportsAsync(admin, $"listingId={listing.Id}&status=Resolved")).Items);
        Assert.Equal((reporter.Id, admin.Id, "Counterfeit"), (report.ReporterId, report.ResolvedById, report.ResolutionNote));
    }

    private async Task WaitUntilWaitingForALockAsync(Task request)
    {
        for (var i = 0; i < 200 && !request.IsCompleted; i++)
        {
            if (await App.Db.ScalarAsync<long>("""SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()""", Ct) > 0)
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail(request.IsCompleted
            ? $"The report did not wait for the removal's lock: {(await ((Task<HttpResponseMessage>)request)).StatusCode}"
            : "The report never waited for the removal's lock.");
    }

    internal static async Task ReportAsync(Account reporter, ListingResponse listing, string reason)
    {
        using var response = await reporter.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/reports", new { reason }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
    }

    internal static async Task<ReportQueuePage> QueueAsync(Account admin, string query) =>
        await (await admin.Client.GetAsync($"/api/admin/reports/queue?{query}", Ct)).ReadAsync<ReportQueuePage>();

    private static async Task<ReportPage> ReportsAsync(Account admin, string query) =>
        await (await admin.Client.GetAsync($"/api/admin/reports?{query}", Ct)).ReadAsync<ReportPage>();
}
