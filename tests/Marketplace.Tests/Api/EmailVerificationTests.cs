using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Registering mails a verification link; following it (by POST: the page a GET opens only posts it) verifies the
/// address once; listings need a verified address; resending replaces the link; a link for another address switches
/// the account to it.
/// </summary>
public sealed class EmailVerificationTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    private static string NewEmail() => $"verify-{Guid.NewGuid():N}@example.com";

    private async Task<(Guid UserId, ReceivedMail Mail)> RegisterAsync(string email, string displayName = "Vera")
    {
        using var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName }, Ct)).Dispose();
        var mail = await App.Inbox.WaitForMailAsync(email, cancellationToken: Ct);
        return (await App.Db.ScalarAsync<Guid>($"""SELECT "Id" FROM "User" WHERE "NormalizedEmail" = upper('{email}')""", Ct), mail);
    }

    private async Task<HttpResponseMessage> VerifyAsync(string token)
    {
        using var client = App.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/verify-email", new { token }, Ct);
    }

    private Task<bool> IsVerifiedAsync(Guid userId) =>
        App.Db.ScalarAsync<bool>($"""SELECT "EmailVerifiedAt" IS NOT NULL FROM "User" WHERE "Id" = '{userId}'""", Ct);

    [Fact]
    public async Task Registering_mails_a_link_under_the_public_base_URL_whose_random_token_is_stored_only_as_its_SHA_256_for_24_hours()
    {
        var email = NewEmail();

        var (userId, mail) = await RegisterAsync(email, "Vera <Admin>");

        Assert.Equal("Verify your email address", mail.Subject);
        Assert.Equal([email], mail.EnvelopeTo);
        var link = mail.Link("/verify-email");
        // The Api's own address (http://localhost) is what a request's Host says; links never come from it.
        Assert.StartsWith(ApiApp.PublicBaseUrl + "/verify-email?token=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Vera &lt;Admin&gt;", mail.HtmlBody, StringComparison.Ordinal);
        var token = mail.Token("/verify-email");
        var bytes = Base64Url.DecodeFromChars(token);
        Assert.Equal(32, bytes.Length);

        var stored = await App.Db.ColumnAsync($"""
            SELECT encode("TokenHash", 'hex') || ' ' || "Email" || ' ' || extract(epoch FROM "ExpiresAt" - "CreatedAt")::text || ' ' || ("UsedAt" IS NULL)::text
            FROM "VerificationToken" WHERE "UserId" = '{userId}'
            """, Ct);
        Assert.Equal([$"{Convert.ToHexStringLower(SHA256.HashData(bytes))} {email} 86400.000000 true"], stored);
        Assert.False(await IsVerifiedAsync(userId));
    }

    [Fact]
    public async Task A_link_verifies_once_and_then_answers_the_same_400_as_an_unknown_expired_or_malformed_token()
    {
        var email = NewEmail();
        var (userId, mail) = await RegisterAsync(email);

        using var verified = await VerifyAsync(mail.Token("/verify-email"));
        var answer = await verified.ReadAsync<EmailVerifiedResponse>();
        Assert.Equal(email, answer.Email);
        Assert.True(await IsVerifiedAsync(userId));

        // Used; unknown (well-formed); malformed; expired (another account's link, aged in the table).
        var (expiredUser, expiredMail) = await RegisterAsync(NewEmail());
        await App.Db.ExecuteAsync($"""UPDATE "VerificationToken" SET "ExpiresAt" = now() - interval '1 second' WHERE "UserId" = '{expiredUser}'""", Ct);
        var problems = new List<string>();
        foreach (var token in new[] { mail.Token("/verify-email"), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), "not-a-token", expiredMail.Token("/verify-email") })
        {
            using var refused = await VerifyAsync(token);
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
            problems.Add(JsonSerializer.Serialize(new { title = problem.GetProperty("title").GetString(), errors = problem.GetProperty("errors") }));
        }

        Assert.Single(problems.Distinct());
        Assert.Contains("resend-verification", problems[0], StringComparison.Ordinal);
        Assert.False(await IsVerifiedAsync(expiredUser));
    }

    [Fact]
    public async Task The_same_link_posted_twice_at_once_verifies_exactly_once()
    {
        var (_, mail) = await RegisterAsync(NewEmail());
        var token = mail.Token("/verify-email");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => VerifyAsync(token)));

        Assert.Equal([HttpStatusCode.OK], responses.Select(r => r.StatusCode).Where(s => s != HttpStatusCode.BadRequest));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_missing_token_is_a_400_naming_it()
    {
        using var client = App.CreateClient();

        using var response = await client.PostJsonAsync("/api/auth/verify-email", "{}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task The_api_serves_no_page_of_its_own_the_mailed_link_opens_the_webs()
    {
        var (userId, mail) = await RegisterAsync(NewEmail());
        var link = mail.Link("/verify-email");
        var token = mail.Token("/verify-email");
        using var api = App.CreateClient();

        // The link starts at the public base URL, the Web's; the Api answers neither a page nor a form at that path.
        using var page = await api.GetAsync($"/verify-email?token={Uri.EscapeDataString(token)}", Ct);
        using var form = await api.PostAsync("/verify-email", new FormUrlEncodedContent([new("token", token)]), Ct);

        Assert.StartsWith(ApiApp.PublicBaseUrl + "/verify-email?token=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.False(await IsVerifiedAsync(userId));
    }

    [Fact]
    public async Task An_unverified_account_cannot_create_a_listing_and_is_told_how_to_verify_then_can_with_the_same_token()
    {
        var account = await App.SignUpAsync(verified: false);

        using var refused = await account.Client.PostAsJsonAsync("/api/listings",
            new { title = "Lamp", description = "Brass.", price = 20, categorySlug = "home-and-garden" }, Ct);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(VerifiedEmail.ProblemType, problem.GetProperty("type").GetString());
        Assert.Contains("POST /api/auth/resend-verification", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "Listing" WHERE "SellerId" = '{account.Id}'""", Ct));

        using var anonymous = App.CreateClient();
        await anonymous.FollowVerificationMailAsync(App.Inbox, account.Email);
        await account.CreateListingAsync();
    }

    [Fact]
    public async Task An_unverified_seller_cannot_edit_a_listing_but_can_still_archive_it()
    {
        var seller = await App.SignUpAsync();
        var listing = await seller.CreateListingAsync();
        // As every account registered before verification existed: no verified address.
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "EmailVerifiedAt" = NULL WHERE "Id" = '{seller.Id}'""", Ct);

        using var edit = await seller.Client.PutAsJsonAsync($"/api/listings/{listing.Id}",
            new { title = "Changed", description = "d", price = 1, categorySlug = "furniture" }, Ct);
        await edit.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(listing.Title, await App.Db.ScalarAsync<string>($"""SELECT "Title" FROM "Listing" WHERE "Id" = {listing.Id}""", Ct));

        using var archive = await seller.Client.DeleteAsync($"/api/listings/{listing.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, archive.StatusCode);
    }

    [Fact]
    public async Task Resending_mails_a_new_link_and_the_older_one_stops_working()
    {
        var account = await App.SignUpAsync(verified: false);
        var first = await App.Inbox.WaitForMailAsync(account.Email, 1, cancellationToken: Ct);

        using var resent = await account.Client.PostAsync("/api/auth/resend-verification", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var second = await App.Inbox.WaitForMailAsync(account.Email, 2, cancellationToken: Ct);

        Assert.NotEqual(first.Token("/verify-email"), second.Token("/verify-email"));
        using var old = await VerifyAsync(first.Token("/verify-email"));
        await old.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        using var current = await VerifyAsync(second.Token("/verify-email"));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);

        using var already = await account.Client.PostAsync("/api/auth/resend-verification", null, Ct);
        await already.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, App.Inbox.MailsTo(account.Email).Count);
    }

    [Fact]
    public async Task Resending_needs_a_signed_in_caller()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.PostAsync("/api/auth/resend-verification", null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Resending_is_limited_per_account_so_nobody_is_mail_bombed()
    {
        var account = await App.SignUpAsync(verified: false);
        var other = await App.SignUpAsync(verified: false);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await account.Client.PostAsync("/api/auth/resend-verification", null, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.NotEmpty(response.Headers.GetValues("Retry-After"));
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        // Each accepted request stored a mail; one still waiting when a newer one came is replaced by it, so at most the
        // four arrive, the newest last, and only its link works.
        await App.Db.WaitUntilOutboxSettledAsync(TimeSpan.FromSeconds(60), Ct);
        var mails = App.Inbox.MailsTo(account.Email);
        Assert.InRange(mails.Count, 1, 1 + 3);
        Assert.Equal(1 + 3, (await App.Db.OutboxToAsync(account.Email, Ct)).Count);
        using (var newest = await VerifyAsync(mails[^1].Token("/verify-email")))
        {
            Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        }

        using var others = await other.Client.PostAsync("/api/auth/resend-verification", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, others.StatusCode);
    }

    [Fact]
    public async Task A_link_for_a_new_address_switches_the_account_to_it_when_followed_and_not_before()
    {
        var account = await App.SignUpAsync();
        var newEmail = NewEmail();
        var token = await InsertVerificationTokenAsync(account.Id, newEmail);

        Assert.Equal(HttpStatusCode.OK, (await App.LoginStatusAsync(account.Email)));
        using var verified = await VerifyAsync(token);

        Assert.Equal(newEmail, (await verified.ReadAsync<EmailVerifiedResponse>()).Email);
        Assert.Equal(HttpStatusCode.OK, await App.LoginStatusAsync(newEmail.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Unauthorized, await App.LoginStatusAsync(account.Email));
        Assert.True(await IsVerifiedAsync(account.Id));
    }

    [Fact]
    public async Task A_link_for_an_address_another_account_took_meanwhile_is_a_409_and_changes_nothing()
    {
        var account = await App.SignUpAsync();
        var taken = await App.SignUpAsync();
        var token = await InsertVerificationTokenAsync(account.Id, taken.Email.ToUpperInvariant());

        using var conflict = await VerifyAsync(token);

        await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(account.Email, await App.Db.ScalarAsync<string>($"""SELECT "Email" FROM "User" WHERE "Id" = '{account.Id}'""", Ct));
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "VerificationToken" WHERE "UserId" = '{account.Id}' AND "Email" <> '{account.Email}' AND "UsedAt" IS NOT NULL""", Ct));
    }

    [Fact]
    public async Task The_link_lifetime_is_a_setting_and_the_mail_says_it()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Accounts:VerificationTokenLifetime"] = "02:00:00" }, cancellationToken: Ct);
        var email = NewEmail();
        using var client = app.CreateClient();
        using var _ = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "V" }, Ct);

        var mail = await app.Inbox.WaitForMailAsync(email, cancellationToken: Ct);

        Assert.Contains("2 hours", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(7200.0, await app.Db.ScalarAsync<double>(
            $"""SELECT extract(epoch FROM "ExpiresAt" - "CreatedAt")::float8 FROM "VerificationToken" WHERE "Email" = '{email}'""", Ct));
    }

    [Fact]
    public async Task With_RequireVerifiedEmail_off_an_unverified_account_may_create_listings()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Accounts:RequireVerifiedEmail"] = "false" }, cancellationToken: Ct);

        var account = await app.SignUpAsync(verified: false);

        await account.CreateListingAsync();
    }

    [Fact]
    public async Task While_the_mail_server_is_down_registering_and_resending_answer_at_once_and_only_the_newest_link_arrives_when_it_is_back()
    {
        await using var outage = new MailServerOutage();
        await using var app = await ApiApp.CreateAsync(server, outage.Settings(), cancellationToken: Ct);
        var email = NewEmail();

        var account = await app.SignUpAsync(email, verified: false);
        using var resend = await account.Client.PostAsync("/api/auth/resend-verification", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await app.Db.WaitUntilAnAttemptFailedAsync(email, TimeSpan.FromSeconds(60), Ct);
        outage.End();
        var mail = await outage.Inbox.WaitForMailAsync(email, timeout: TimeSpan.FromSeconds(60), cancellationToken: Ct);
        using (var verified = await VerifyWithAsync(app, mail.Token("/verify-email")))
        {
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        }

        await app.Db.WaitUntilOutboxSettledAsync(TimeSpan.FromSeconds(60), Ct);
        // The registration's mail was replaced by the resent one before it could go: one mail, one working link.
        Assert.Equal(["verification dropped", "verification sent"], await app.Db.OutboxToAsync(email, Ct));
        Assert.Single(outage.Inbox.MailsTo(email));
    }

    private static async Task<HttpResponseMessage> VerifyWithAsync(ApiApp app, string token)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/verify-email", new { token }, Ct);
    }

    /// <summary>A verification token for <paramref name="email"/>, as the change-of-email endpoint stores one.</summary>
    private async Task<string> InsertVerificationTokenAsync(Guid userId, string email)
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        await App.Db.ExecuteAsync($"""
            INSERT INTO "VerificationToken" ("UserId", "TokenHash", "Email", "ExpiresAt")
            VALUES ('{userId}', '\x{Convert.ToHexStringLower(SHA256.HashData(bytes))}', '{email}', now() + interval '1 hour')
            """, Ct);
        return Base64Url.EncodeToString(bytes);
    }
}
