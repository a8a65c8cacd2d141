using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Conversations;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// POST /api/listings/{id}/contact, the older form of starting a conversation kept for the previous Web: the message opens
/// (or continues) the buyer's conversation, the seller is mailed a notification without either address, and the answer
/// stays the old 202; only about an active listing someone else sells; a few per buyer per hour.
/// </summary>
public sealed class ContactSellerTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task The_older_contact_operation_opens_a_conversation_and_its_mail_names_neither_address_nor_has_a_Reply_To()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Walnut desk <b>");
        var before = App.Inbox.MailsTo(seller.Email).Count;
        const string Message = "Is it still available?\nI could collect on Saturday. <script>alert(1)</script>";

        using var response = await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", new { message = Message }, Ct);

        // The previous Web's answer, unchanged: 202 and no body.
        var answer = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, answer);
        Assert.Equal("", answer);
        var everything = answer + response.Headers + response.Content.Headers;
        Assert.DoesNotContain(seller.Email, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(buyer.Email, everything, StringComparison.OrdinalIgnoreCase);
        var conversation = Assert.Single((await (await seller.Client.GetAsync("/api/conversations", Ct)).ReadAsync<InboxPage>()).Items);
        Assert.Equal((listing.Id, 1), (conversation.Listing.Id, conversation.UnreadCount));
        var mail = await App.Inbox.WaitForMailAsync(seller.Email, before + 1, cancellationToken: Ct);
        Assert.Equal([seller.Email], mail.EnvelopeTo);
        Assert.Empty(mail.Message.ReplyTo.Mailboxes);
        Assert.Equal([SmtpInbox.FromAddress], mail.Message.From.Mailboxes.Select(m => m.Address));
        Assert.Equal("New message about \"Walnut desk <b>\"", mail.Subject);
        Assert.Contains(Message, mail.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal($"{ApiApp.PublicBaseUrl}/messages/{conversation.Id}", mail.Link($"/messages/{conversation.Id}").AbsoluteUri);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(buyer.Email, mail.Message.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_draft_archived_removed_or_unknown_listing_is_a_404_and_nothing_is_mailed()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var draft = await seller.CreateListingAsync("Draft", status: "Draft");
        var archived = await seller.CreateListingAsync("Archived");
        (await seller.Client.DeleteAsync($"/api/listings/{archived.Id}", Ct)).EnsureSuccessStatusCode();
        var removed = await seller.CreateListingAsync("Removed");
        await App.Db.ExecuteAsync($"""UPDATE "Listing" SET "RemovedAt" = now(), "RemovalReason" = 'Counterfeit' WHERE "Id" = {removed.Id}""", Ct);
        var before = App.Inbox.MailsTo(seller.Email).Count;

        foreach (var id in new[] { draft.Id, archived.Id, removed.Id, long.MaxValue })
        {
            await (await buyer.Client.PostAsJsonAsync($"/api/listings/{id}/contact", new { message = "Hello?" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // A refused message commits no mail: nothing is coming.
        Assert.DoesNotContain(await App.Db.OutboxToAsync(seller.Email, Ct), row => row.StartsWith("message", StringComparison.Ordinal));
        Assert.Equal(before, App.Inbox.MailsTo(seller.Email).Count);
    }

    [Fact]
    public async Task One_cannot_write_about_ones_own_or_a_sold_listing_409_nor_unverified_403_nor_signed_out_401()
    {
        var seller = await App.SignUpAsync();
        var unverified = await App.SignUpAsync(verified: false);
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Lamp");
        var sold = await seller.CreateListingAsync("Sold lamp", status: "Sold");
        var before = App.Inbox.MailsTo(seller.Email).Count;
        var message = new { message = "Hello?" };

        await (await seller.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", message, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{sold.Id}/contact", message, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await unverified.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", message, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await App.CreateClient().PostAsJsonAsync($"/api/listings/{listing.Id}/contact", message, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.DoesNotContain(await App.Db.OutboxToAsync(seller.Email, Ct), row => row.StartsWith("message", StringComparison.Ordinal));
        Assert.Equal(before, App.Inbox.MailsTo(seller.Email).Count);
    }

    [Theory]
    [InlineData("""{"message": ""}""")]
    [InlineData("""{"message": "   \n  "}""")]
    [InlineData("""{}""")]
    [InlineData("""{"message": null}""")]
    [InlineData("""{"message": 42}""")]
    public async Task A_missing_blank_or_wrong_typed_message_is_a_400_naming_message(string body)
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Lamp");

        await (await buyer.Client.PostJsonAsync($"/api/listings/{listing.Id}/contact", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "message");
    }

    [Fact]
    public async Task A_message_may_have_2000_characters_and_not_one_more()
    {
        var seller = await App.SignUpAsync();
        var buyer = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync("Lamp");

        await (await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", new { message = new string('a', 2001) }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "message");
        using var longest = await buyer.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", new { message = new string('a', 2000) }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, longest.StatusCode);
    }

    [Fact]
    public async Task A_buyer_over_the_hourly_limit_gets_a_429_with_Retry_After_and_no_mail_while_another_buyer_still_writes()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:ContactsPerWindow"] = "2",
        }, cancellationToken: Ct);
        var seller = await app.SignUpAsync();
        var eager = await app.SignUpAsync();
        var patient = await app.SignUpAsync();
        var listing = await seller.CreateListingAsync("Lamp");
        var before = app.Inbox.MailsTo(seller.Email).Count;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await eager.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", new { message = $"Message {i}" }, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(last!.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600);
        last.Dispose();
        await app.Inbox.WaitForMailAsync(seller.Email, before + 2, cancellationToken: Ct);
        using var other = await patient.Client.PostAsJsonAsync($"/api/listings/{listing.Id}/contact", new { message = "Mine" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        var third = await app.Inbox.WaitForMailAsync(seller.Email, before + 3, cancellationToken: Ct);
        Assert.Contains("Mine", third.TextBody, StringComparison.Ordinal);
        Assert.Equal(before + 3, app.Inbox.MailsTo(seller.Email).Count);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_buyer_gets_a_202_at_once_and_the_seller_the_message_once_it_is_back()
    {
        await using var outage = new MailServerOutage();
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(), cancellationToken: Ct);
        var tokens = app.Services.GetRequiredService<AccessTokens>();
        var sellerId = await app.InsertUserAsync();
        var buyerId = await app.InsertUserAsync();
        var listingId = await app.Db.ScalarAsync<long>($"""
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "SellerId", "Status")
            SELECT 'Lamp', 'Brass', 10, 'furniture', "Id", '{sellerId}', 'active' FROM "Category" WHERE "Slug" = 'furniture'
            RETURNING "Id"
            """, Ct);
        using var buyer = app.CreateClient(await tokens.IssueAsync(app, new User
        {
            Id = buyerId, Email = $"{buyerId}@example.com", NormalizedEmail = $"{buyerId}@EXAMPLE.COM".ToUpperInvariant(), DisplayName = "Buyer", PasswordHash = "x",
        }));
        var sellerEmail = $"{sellerId}@example.com";

        using var response = await buyer.PostAsJsonAsync($"/api/listings/{listingId}/contact", new { message = "Hello?" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["message pending"], await app.Db.OutboxToAsync(sellerEmail, Ct));
        await app.Db.WaitUntilAnAttemptFailedAsync(sellerEmail, TimeSpan.FromSeconds(60), Ct);
        outage.End();
        var mail = await outage.Inbox.WaitForMailAsync(sellerEmail, timeout: TimeSpan.FromSeconds(60), cancellationToken: Ct);
        Assert.Contains("Hello?", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Message.ReplyTo.Mailboxes);
    }
}
