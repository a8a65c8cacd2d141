using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Buffers.Text;
using Marketplace.Tests.Support;
using Marketplace.Api.Auth;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Forgot password (202 either way, a mail with a single-use link for an account), reset password (ends every session),
/// and the page the link opens; all against a real PostgreSQL and a real SMTP server.
/// </summary>
public sealed class PasswordResetTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private const string NewPassword = "a brand new passphrase";

    private ApiApp App => shared.App;

    [Fact]
    public async Task A_mailed_reset_link_sets_the_password_once_and_every_earlier_token_is_refused()
    {
        var account = await App.SignUpAsync();
        var session = await App.SignInAsync(account.Email);
        await account.Client.AssertSignedInAsync();

        using var forgot = await App.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email.ToUpperInvariant() }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var mail = await ResetMailAsync(account.Email);
        Assert.StartsWith($"{ApiApp.PublicBaseUrl}/reset-password?token=", mail.Link("/reset-password").AbsoluteUri, StringComparison.Ordinal);
        var token = mail.Token("/reset-password");
        using var reset = await App.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = NewPassword }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        await account.Client.AssertSignedOutAsync();
        await App.CreateClient(session.AccessToken).AssertSignedOutAsync();
        await (await App.RefreshAsync(session.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password }, Ct))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient(await App.LoginAsync(account.Email, NewPassword)).AssertSignedInAsync();
        using var again = await App.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "yet another passphrase" }, Ct);
        await again.AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        Assert.DoesNotContain(token, await App.Db.ScalarAsync<string>(
            $"""SELECT string_agg(encode("TokenHash", 'escape'), ',') FROM "PasswordResetToken" WHERE "UserId" = '{account.Id}'""", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_and_an_unknown_email_get_the_same_answer_and_only_the_account_gets_a_mail()
    {
        var account = await App.SignUpAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        using var client = App.CreateClient();

        using var existing = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct);
        using var nobody = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = unknown }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, existing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, nobody.StatusCode);
        Assert.Equal(await existing.Content.ReadAsByteArrayAsync(Ct), await nobody.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Headers(existing), Headers(nobody));
        await ResetMailAsync(account.Email);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "PasswordResetToken" WHERE "UserId" = '{account.Id}'""", Ct));
        // Both requests committed a mail; the sender found no account for the unknown address and dropped it.
        await App.Db.WaitUntilAsync($"""EXISTS (SELECT 1 FROM "OutboxMail" WHERE "ToAddress" = '{unknown}' AND "State" = 'dropped')""",
            "the unknown address's mail was dropped", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(["password_reset dropped"], await App.Db.OutboxToAsync(unknown, Ct));
        Assert.Empty(App.Inbox.MailsTo(unknown));
    }

    [Fact]
    public async Task Resetting_with_one_link_makes_the_accounts_other_links_stop_working_and_an_expired_link_is_the_same_400()
    {
        var account = await App.SignUpAsync();
        using var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct)).Dispose();
        (await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct)).Dispose();
        var first = (await ResetMailAsync(account.Email, 1)).Token("/reset-password");
        var second = (await ResetMailAsync(account.Email, 2)).Token("/reset-password");

        using (var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { token = second, newPassword = NewPassword }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        var other = await (await client.PostAsJsonAsync("/api/auth/reset-password", new { token = first, newPassword = NewPassword }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "token");

        (await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct)).Dispose();
        var third = (await ResetMailAsync(account.Email, 3)).Token("/reset-password");
        await App.Db.ExecuteAsync($"""
            UPDATE "PasswordResetToken" SET "ExpiresAt" = now() - interval '1 second'
            WHERE "TokenHash" = '\x{Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(third)))}'::bytea
            """, Ct);
        var expired = await (await client.PostAsJsonAsync("/api/auth/reset-password", new { token = third, newPassword = NewPassword }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        var unknown = await (await client.PostAsJsonAsync("/api/auth/reset-password", new { token = "no-such-token", newPassword = NewPassword }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "token");
        Assert.Single(new[] { other, expired, unknown }.Select(WithoutTraceId).Distinct());
    }

    [Fact]
    public async Task Forgot_password_is_limited_per_email_in_any_case_from_any_caller_and_per_caller()
    {
        await using var limited = App.CreateReplica(new Dictionary<string, string?>
        {
            ["Accounts:ForgotPasswordsPerEmail"] = "2",
            ["RequestLimits:WritesPerWindow"] = "5",
        });
        var email = $"target-{Guid.NewGuid():N}@example.com";
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var asked in new[] { email, email.ToUpperInvariant(), $" {email} " })
        {
            using var response = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = asked }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.True(int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        // Another address is not limited by this one's budget, but the caller's own budget (5 writes) runs out.
        using var otherEmail = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = $"other-{Guid.NewGuid():N}@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, otherEmail.StatusCode);
        using var fifth = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = $"third-{Guid.NewGuid():N}@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, fifth.StatusCode);
        using var sixth = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = $"fourth-{Guid.NewGuid():N}@example.com" }, Ct);
        await sixth.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(sixth.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_api_serves_no_page_of_its_own_the_mailed_link_opens_the_webs()
    {
        var account = await App.SignUpAsync();
        using var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email }, Ct)).Dispose();
        var token = (await ResetMailAsync(account.Email)).Token("/reset-password");

        using var page = await client.GetAsync($"/reset-password?token={Uri.EscapeDataString(token)}", Ct);
        using var form = await client.PostAsync("/reset-password", new FormUrlEncodedContent([new("token", token), new("newPassword", NewPassword)]), Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        await account.Client.AssertSignedInAsync();
    }

    [Theory]
    [InlineData("/api/auth/forgot-password", """{}""", "email")]
    [InlineData("/api/auth/reset-password", """{"newPassword": "long enough passphrase"}""", "token")]
    [InlineData("/api/auth/reset-password", """{"token": "abc", "newPassword": "short"}""", "newPassword")]
    public async Task A_bad_request_is_a_400_naming_the_field(string path, string body, string field)
    {
        using var client = App.CreateClient();

        using var response = await client.PostJsonAsync(path, body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>The <paramref name="number"/>th password reset mail to <paramref name="email"/> (1: the first), after its verification mail.</summary>
    private async Task<ReceivedMail> ResetMailAsync(string email, int number = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var resets = App.Inbox.MailsTo(email).Where(m => m.Subject == "Reset your password").ToList();
            if (resets.Count >= number)
            {
                return resets[number - 1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"Reset mail {number} to {email} did not arrive; {resets.Count} did.");
            await Task.Delay(50, Ct);
        }
    }

    private static List<string> Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.Ordinal)];
}
