using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Conversations between a buyer and a seller: opened by the buyer's first message about a listing (one per listing and
/// buyer), read and answered by both on the site, each message mailed to the other side without either address; only the
/// two sides see it (404 for everyone else, admins included, who read one only through a report, recorded); a listing
/// sold or archived keeps its conversations, a removed listing, a suspended account or a block closes them.
/// </summary>
public sealed class ConversationTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task A_buyer_and_a_seller_talk_on_the_site_each_told_by_mail_without_the_others_address_and_unread_counts_follow()
    {
        var (seller, buyer) = (await NamedAsync("Sam Seller"), await NamedAsync("Bea Buyer"));
        var listing = await seller.CreateListingAsync("Oak bookcase");
        var sellerMails = App.Inbox.MailsTo(seller.Email).Count;

        using var started = await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = "  Is it still for sale?  " }, Ct);
        var first = await started.ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);

        Assert.Equal($"/api/conversations/{first.ConversationId}", started.Headers.Location?.OriginalString);
        Assert.Equal(("Is it still for sale?", true), (first.Body, first.FromYou));
        Assert.Equal(1, await UnreadAsync(seller));
        Assert.Equal(0, await UnreadAsync(buyer));
        var inbox = Assert.Single((await InboxAsync(seller)).Items);
        Assert.Equal((first.ConversationId, listing.Id, "Oak bookcase", ListingStatus.Active, ConversationRole.Seller, "Bea Buyer", 1),
            (inbox.Id, inbox.Listing.Id, inbox.Listing.Title, inbox.Listing.Status, inbox.You, inbox.OtherName, inbox.UnreadCount));
        var toSeller = await App.Inbox.WaitForMailAsync(seller.Email, sellerMails + 1, cancellationToken: Ct);
        Assert.Empty(toSeller.Message.ReplyTo.Mailboxes);
        Assert.DoesNotContain(buyer.Email, toSeller.Message.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Bea Buyer wrote to you about your listing \"Oak bookcase\"", toSeller.TextBody, StringComparison.Ordinal);
        Assert.Equal($"{ApiApp.PublicBaseUrl}/messages/{first.ConversationId}", toSeller.Link($"/messages/{first.ConversationId}").AbsoluteUri);

        // Reading changes nothing; marking it read does.
        var read = await ConversationAsync(seller, first.ConversationId);
        Assert.Equal(1, await UnreadAsync(seller));
        (await seller.Client.PostAsync($"/api/conversations/{first.ConversationId}/read", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(0, await UnreadAsync(seller));
        Assert.Equal(("Bea Buyer", ConversationRole.Seller, null, false), (read.OtherName, read.You, read.ReadOnly, read.BlockedByYou));

        var buyerMails = App.Inbox.MailsTo(buyer.Email).Count;
        using var replied = await seller.Client.PostAsJsonAsync($"/api/conversations/{first.ConversationId}/messages", new { message = "Yes, until Sunday." }, Ct);
        await replied.ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);

        Assert.Equal(1, await UnreadAsync(buyer));
        var toBuyer = await App.Inbox.WaitForMailAsync(buyer.Email, buyerMails + 1, cancellationToken: Ct);
        Assert.Empty(toBuyer.Message.ReplyTo.Mailboxes);
        Assert.DoesNotContain(seller.Email, toBuyer.Message.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Sam Seller answered you about \"Oak bookcase\"", toBuyer.TextBody, StringComparison.Ordinal);
        var asBuyer = await ConversationAsync(buyer, first.ConversationId);
        Assert.Equal([("Is it still for sale?", true), ("Yes, until Sunday.", false)], asBuyer.Messages.Select(m => (m.Body, m.FromYou)));
        Assert.Equal(("Sam Seller", ConversationRole.Buyer), (asBuyer.OtherName, asBuyer.You));

        // Writing again from the listing continues the same conversation (200), as many times as the buyer writes.
        using var again = await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = "Great, Saturday?" }, Ct);
        Assert.Equal(first.ConversationId, (await again.ReadAsync<ConversationMessageResponse>()).ConversationId);
        Assert.Single((await InboxAsync(buyer)).Items);
        Assert.Equal(3, (await ConversationAsync(seller, first.ConversationId)).Messages.Count);
    }

    [Fact]
    public async Task Two_first_messages_at_once_make_one_conversation_with_both_messages()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Racing bike");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = $"Hello {i}" }, Ct)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var conversation = Assert.Single((await InboxAsync(seller)).Items);
        Assert.Equal(4, conversation.UnreadCount);
        Assert.Equal(4, (await ConversationAsync(seller, conversation.Id)).Messages.Count);
    }

    [Fact]
    public async Task Only_the_two_sides_read_or_write_a_conversation_everyone_else_admins_included_gets_404()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var stranger = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var id = await StartAsync(buyer, await seller.CreateListingAsync("Camera"), "Hi");

        foreach (var outsider in new[] { stranger, admin })
        {
            await (await outsider.Client.GetAsync($"/api/conversations/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "Me too" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.PostAsync($"/api/conversations/{id}/read", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.PutAsync($"/api/conversations/{id}/block", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.PostAsJsonAsync($"/api/conversations/{id}/reports", new { reason = "Nosy" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty((await InboxAsync(outsider)).Items);
        }

        // The same answer as for a conversation that does not exist.
        await (await stranger.Client.GetAsync($"/api/conversations/{long.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await App.CreateClient().GetAsync($"/api/conversations/{id}", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ConversationMessage" WHERE "ConversationId" = {id}""", Ct));
    }

    [Fact]
    public async Task A_sold_or_archived_listing_keeps_its_conversations_open_and_takes_no_new_one()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var latecomer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Armchair");
        var id = await StartAsync(buyer, listing, "Still there?");
        var sold = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            new { title = "Armchair", description = "Comfy.", price = "50.00", categorySlug = "furniture", status = "Sold" }, Ct);
        sold.EnsureSuccessStatusCode();

        await (await latecomer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = "Me?" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "Sold to you: pick it up Saturday." }, Ct))
            .ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);
        Assert.Equal(ListingStatus.Sold, (await ConversationAsync(buyer, id)).Listing.Status);
        Assert.Null((await ConversationAsync(buyer, id)).ReadOnly);

        (await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct)).EnsureSuccessStatusCode();

        await (await latecomer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = "Me?" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var archived = await ConversationAsync(buyer, id);
        Assert.Equal((ListingStatus.Archived, null, 2), (archived.Listing.Status, archived.ReadOnly, archived.Messages.Count));
        await (await buyer.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "Thanks!" }, Ct))
            .ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_listing_an_admin_removed_or_a_suspended_account_leaves_the_conversation_readable_and_closed()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var removedListing = await seller.CreateListingAsync("Counterfeit watch");
        var removed = await StartAsync(buyer, removedListing, "Real?");
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{removedListing.Id}/remove", new { reason = "Counterfeit" }, Ct)).EnsureSuccessStatusCode();

        var closed = await ConversationAsync(buyer, removed);
        Assert.Equal((ConversationReadOnlyReason.ListingRemoved, true, null, 1), (closed.ReadOnly, closed.Listing.Removed, closed.Listing.ThumbnailUrl, closed.Messages.Count));
        var refused = await (await seller.Client.PostAsJsonAsync($"/api/conversations/{removed}/messages", new { message = "It is real" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ConversationProblemTypes.ReadOnly, refused.GetProperty("type").GetString());

        var other = await StartAsync(buyer, await seller.CreateListingAsync("Desk lamp"), "Hello");
        (await admin.Client.PostAsJsonAsync($"/api/admin/users/{buyer.Id}/suspend", new { reason = "Spam" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(ConversationReadOnlyReason.AccountSuspended, (await ConversationAsync(seller, other)).ReadOnly);
        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{other}/messages", new { message = "Hello?" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_block_closes_every_conversation_between_the_two_until_the_blocker_lifts_it()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Guitar");
        var id = await StartAsync(buyer, listing, "Lowest price?");

        (await seller.Client.PutAsync($"/api/conversations/{id}/block", null, Ct)).EnsureSuccessStatusCode();
        (await seller.Client.PutAsync($"/api/conversations/{id}/block", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal((ConversationReadOnlyReason.Blocked, true), ((await ConversationAsync(seller, id)).ReadOnly, (await ConversationAsync(seller, id)).BlockedByYou));
        Assert.Equal((ConversationReadOnlyReason.Blocked, false), ((await ConversationAsync(buyer, id)).ReadOnly, (await ConversationAsync(buyer, id)).BlockedByYou));
        await (await buyer.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "??" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message = "??" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{(await seller.CreateListingAsync("Amp")).Id}/conversation", new { message = "??" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "Bye" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        // Only the blocker lifts it.
        (await buyer.Client.DeleteAsync($"/api/conversations/{id}/block", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(ConversationReadOnlyReason.Blocked, (await ConversationAsync(buyer, id)).ReadOnly);

        (await seller.Client.DeleteAsync($"/api/conversations/{id}/block", Ct)).EnsureSuccessStatusCode();

        Assert.Null((await ConversationAsync(buyer, id)).ReadOnly);
        await (await buyer.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = "Sorry." }, Ct))
            .ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_reported_conversation_is_in_the_admins_queue_and_an_admin_reads_it_only_through_the_report_each_reading_recorded()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var listing = await seller.CreateListingAsync("Sofa");
        var id = await StartAsync(buyer, listing, "Send me your bank details first.");

        (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/reports", new { reason = "  A scam.  " }, Ct)).EnsureSuccessStatusCode();
        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/reports", new { reason = "Again" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);

        var queue = await (await admin.Client.GetAsync($"/api/admin/reports?kind=Conversation&reporterId={seller.Id}", Ct)).ReadAsync<ReportPage>();
        var report = Assert.Single(queue.Items);
        Assert.Equal((ReportKind.Conversation, id, listing.Id, "Sofa", "A scam.", ReportStatus.Open),
            (report.Kind, report.ConversationId, report.ListingId, report.ListingTitle, report.Reason, report.Status));
        Assert.DoesNotContain((await (await admin.Client.GetAsync($"/api/admin/reports?reporterId={seller.Id}", Ct)).ReadAsync<ReportPage>()).Items,
            r => r.Kind == ReportKind.Conversation);
        await (await admin.Client.GetAsync($"/api/conversations/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.Client.GetAsync($"/api/admin/conversation-reports/{report.Id}", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ConversationReportView" WHERE "ReportId" = {report.Id}""", Ct));

        var detail = await (await admin.Client.GetAsync($"/api/admin/conversation-reports/{report.Id}", Ct)).ReadAsync<ConversationReportDetail>();
        var again = await (await admin.Client.GetAsync($"/api/admin/conversation-reports/{report.Id}", Ct)).ReadAsync<ConversationReportDetail>();

        Assert.Equal(["Send me your bank details first."], detail.Messages.Select(m => m.Body));
        Assert.Equal((buyer.Id, seller.Id, buyer.Id), (detail.BuyerId, detail.SellerId, detail.Messages[0].SenderId));
        Assert.Equal([admin.Id], detail.Views.Select(v => v.AdminId));
        Assert.Equal([admin.Id, admin.Id], again.Views.Select(v => v.AdminId));
        Assert.Equal(2L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ConversationReportView" WHERE "ReportId" = {report.Id} AND "AdminId" = '{admin.Id}'""", Ct));
        await (await admin.Client.GetAsync($"/api/admin/conversation-reports/{long.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_closes_a_conversation_report_with_a_note_in_one_audit_row_after_which_its_reporter_may_report_again()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var admin = await App.SignUpAdminAsync();
        var listing = await seller.CreateListingAsync("Armchair");
        var id = await StartAsync(buyer, listing, "Pay me outside the site.");
        (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/reports", new { reason = "Off-site payment." }, Ct)).EnsureSuccessStatusCode();
        var report = Assert.Single((await (await admin.Client.GetAsync($"/api/admin/reports?kind=Conversation&reporterId={seller.Id}", Ct)).ReadAsync<ReportPage>()).Items);

        await (await admin.Client.PostAsJsonAsync($"/api/admin/conversation-reports/{report.Id}/dismiss", new { note = "  " }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "note");
        await (await seller.Client.PostAsJsonAsync($"/api/admin/conversation-reports/{report.Id}/dismiss", new { note = "Mine" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        (await admin.Client.PostAsJsonAsync($"/api/admin/conversation-reports/{report.Id}/dismiss", new { note = " Warned the buyer. " }, Ct)).EnsureSuccessStatusCode();
        await (await admin.Client.PostAsJsonAsync($"/api/admin/conversation-reports/{report.Id}/dismiss", new { note = "Again" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/conversation-reports/{long.MaxValue}/dismiss", new { note = "None" }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);

        var closed = Assert.Single((await (await admin.Client.GetAsync($"/api/admin/reports?kind=Conversation&status=Resolved&reporterId={seller.Id}", Ct))
            .ReadAsync<ReportPage>()).Items);
        Assert.Equal((report.Id, ReportStatus.Resolved, admin.Id, "Warned the buyer."), (closed.Id, closed.Status, closed.ResolvedById, closed.ResolutionNote));
        Assert.Empty((await (await admin.Client.GetAsync($"/api/admin/reports?kind=Conversation&reporterId={seller.Id}", Ct)).ReadAsync<ReportPage>()).Items);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""
            SELECT count(*) FROM "AdminAuditLog" WHERE "TargetType" = 'report' AND "TargetId" = '{report.Id}' AND "AdminId" = '{admin.Id}'
              AND "Details" -> 'after' ->> 'kind' = 'Conversation' AND ("Details" -> 'after' ->> 'conversationId')::bigint = {id}
              AND "Details" ->> 'reason' = 'Warned the buyer.'
            """, Ct));
        (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/reports", new { reason = "He wrote again." }, Ct)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("""{"message": ""}""")]
    [InlineData("""{"message": "  \n "}""")]
    [InlineData("""{}""")]
    [InlineData("""{"message": 7}""")]
    public async Task A_missing_blank_or_wrong_typed_message_is_a_400_naming_message_and_writes_nothing(string body)
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Lamp");
        var id = await StartAsync(buyer, listing, "Hi");

        await (await buyer.Client.PostJsonAsync($"/api/listings/{listing.Id}/conversation", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "message");
        await (await seller.Client.PostJsonAsync($"/api/conversations/{id}/messages", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "message");
        Assert.Single((await ConversationAsync(buyer, id)).Messages);
    }

    [Fact]
    public async Task A_message_holds_2000_characters_of_plain_text_and_not_one_more()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var id = await StartAsync(buyer, await seller.CreateListingAsync("Lamp"), "<b>Bold?</b>");

        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = new string('a', 2001) }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "message");
        await (await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = new string('a', 2000) }, Ct))
            .ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created);
        Assert.Equal("<b>Bold?</b>", (await ConversationAsync(seller, id)).Messages[0].Body);
    }

    [Fact]
    public async Task A_long_conversation_comes_a_page_at_a_time_latest_first_each_oldest_first_and_the_inbox_by_latest_activity()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var quiet = await StartAsync(buyer, await seller.CreateListingAsync("Quiet"), "First");
        var busy = await StartAsync(buyer, await seller.CreateListingAsync("Busy"), "Message 1");
        for (var i = 2; i <= 55; i++)
        {
            (await (i % 2 == 0 ? seller : buyer).Client.PostAsJsonAsync($"/api/conversations/{busy}/messages", new { message = $"Message {i}" }, Ct)).EnsureSuccessStatusCode();
        }

        var latest = await ConversationAsync(buyer, busy);
        var earlier = await ConversationAsync(buyer, busy, $"?before={latest.EarlierBefore}");

        Assert.Equal(Enumerable.Range(6, 50).Select(i => $"Message {i}"), latest.Messages.Select(m => m.Body));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"Message {i}"), earlier.Messages.Select(m => m.Body));
        Assert.Null(earlier.EarlierBefore);
        Assert.Equal([busy, quiet], (await InboxAsync(seller)).Items.Select(c => c.Id));
        (await seller.Client.PostAsJsonAsync($"/api/conversations/{quiet}/messages", new { message = "Still there?" }, Ct)).EnsureSuccessStatusCode();
        var first = await InboxAsync(seller, "?limit=1");
        var second = await InboxAsync(seller, $"?limit=1&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        Assert.Equal([quiet, busy], first.Items.Concat(second.Items).Select(c => c.Id));
        Assert.Null(second.NextCursor);
        await (await seller.Client.GetAsync("/api/conversations?cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task A_sender_over_the_hourly_limit_gets_a_429_and_no_message_is_written()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["RequestLimits:MessagesPerWindow"] = "2" }, cancellationToken: Ct);
        var seller = await app.SignUpAsync();
        var buyer = await app.SignUpAsync();
        var id = await StartAsync(buyer, await seller.CreateListingAsync("Lamp"), "Hi");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await seller.Client.PostAsJsonAsync($"/api/conversations/{id}/messages", new { message = $"Reply {i}" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "ConversationMessage" WHERE "ConversationId" = {id}""", Ct));
    }

    private async Task<Account> NamedAsync(string displayName)
    {
        var account = await App.SignUpAsync();
        (await account.Client.PatchAsJsonAsync("/api/me", new { displayName }, Ct)).EnsureSuccessStatusCode();
        return account;
    }

    private static async Task<long> StartAsync(Account buyer, ListingResponse listing, string message)
    {
        using var response = await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/conversation", new { message }, Ct);
        return (await response.ReadAsync<ConversationMessageResponse>(HttpStatusCode.Created)).ConversationId;
    }

    private static async Task<int> UnreadAsync(Account account) =>
        (await (await account.Client.GetAsync("/api/conversations/unread", Ct)).ReadAsync<UnreadCountResponse>()).Unread;

    private static async Task<InboxPage> InboxAsync(Account account, string query = "") =>
        await (await account.Client.GetAsync($"/api/conversations{query}", Ct)).ReadAsync<InboxPage>();

    private static async Task<ConversationResponse> ConversationAsync(Account account, long id, string query = "") =>
        await (await account.Client.GetAsync($"/api/conversations/{id}{query}", Ct)).ReadAsync<ConversationResponse>();
}
