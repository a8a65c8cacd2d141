using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>POST /api/auth/register and /api/auth/login.</summary>
public sealed class AuthApiTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Registering_answers_202_check_your_mail_and_stores_a_hash_never_the_password()
    {
        using var client = App.CreateClient();
        var email = $"Ada.{Guid.NewGuid():N}@Example.com";

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = " Ada " }, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        var accepted = await response.ReadAsync<RegistrationAcceptedResponse>(HttpStatusCode.Accepted);
        Assert.Equal(email, accepted.Email);
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        var stored = await App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "NormalizedEmail" = '{email.ToUpperInvariant()}'""", Ct);
        Assert.NotEqual(Password, stored);
        Assert.Equal(PasswordVerificationResult.Success, new AccountPasswordHasher().VerifyHashedPassword(null!, stored, Password));
        Assert.Equal("Ada", await App.Db.ScalarAsync<string>($"""SELECT "DisplayName" FROM "User" WHERE "NormalizedEmail" = '{email.ToUpperInvariant()}'""", Ct));
    }

    [Fact]
    public async Task Registering_a_taken_email_in_any_case_answers_exactly_as_a_new_one_and_mails_the_owner_sign_in_and_reset_links()
    {
        var first = await App.SignUpAsync();
        var mailsBefore = App.Inbox.MailsTo(first.Email).Count;
        var hashBefore = await App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "Id" = '{first.Id}'""", Ct);
        using var client = App.CreateClient();
        var fresh = $"fresh-{Guid.NewGuid():N}@example.com";

        using var taken = await client.PostAsJsonAsync("/api/auth/register",
            new { email = first.Email.ToUpperInvariant(), password = "another long password", displayName = "Copycat" }, Ct);
        using var untaken = await client.PostAsJsonAsync("/api/auth/register",
            new { email = fresh.ToUpperInvariant(), password = "another long password", displayName = "Copycat" }, Ct);

        // The attacker learns nothing: the same status, the same headers, the same body but for the address they sent.
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (taken.StatusCode, untaken.StatusCode));
        Assert.Equal(
            (await untaken.Content.ReadAsStringAsync(Ct)).Replace(fresh.ToUpperInvariant(), "ADDRESS", StringComparison.Ordinal),
            (await taken.Content.ReadAsStringAsync(Ct)).Replace(first.Email.ToUpperInvariant(), "ADDRESS", StringComparison.Ordinal));
        Assert.Equal(
            untaken.Headers.Select(h => h.Key).Where(k => k != "Date").Order(),
            taken.Headers.Select(h => h.Key).Where(k => k != "Date").Order());
        // The owner hears of it, and nothing of theirs changed.
        var mail = await App.Inbox.WaitForMailAsync(first.Email, mailsBefore + 1, cancellationToken: Ct);
        Assert.Contains("You already have one", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/forgot-password", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "NormalizedEmail" = '{first.Email.ToUpperInvariant()}'""", Ct));
        Assert.Equal(hashBefore, await App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "Id" = '{first.Id}'""", Ct));
        await first.Client.AssertSignedInAsync();
    }

    /// <summary>Registration's 201 body as the previous release's Web read it (after any 2xx status, then only its email).</summary>
    private sealed record PreviousReleaseUserResponse(Guid Id, string Email, string DisplayName, DateTimeOffset CreatedAt);

    [Fact]
    public async Task The_previous_release_of_the_Web_reads_the_202_as_it_read_the_201_a_success_with_the_address_to_show()
    {
        using var client = App.CreateClient();
        var email = $"rolling-{Guid.NewGuid():N}@example.com";

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Rolling" }, Ct);

        // The previous Web's client: IsSuccessStatusCode, then the body with the Web's JSON options (these, camelCase).
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(email, (await response.Content.ReadFromJsonAsync<PreviousReleaseUserResponse>(Json, Ct))!.Email);
    }

    [Fact]
    public async Task Registrations_for_one_email_are_limited_whoever_asks_so_nobody_is_mail_bombed()
    {
        var email = $"bombed-{Guid.NewGuid():N}@example.com";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = App.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Bombed" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        await App.Inbox.WaitForMailAsync(email, 3, cancellationToken: Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(3, App.Inbox.MailsTo(email).Count);
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { """{"password": "correct horse", "displayName": "A"}""", "email" },
        { """{"email": "not-an-email", "password": "correct horse", "displayName": "A"}""", "email" },
        { $$"""{"email": "{{new string('a', 250)}}@x.io", "password": "correct horse", "displayName": "A"}""", "email" },
        { """{"email": 12, "password": "correct horse", "displayName": "A"}""", "email" },
        { """{"email": "a@example.com", "displayName": "A"}""", "password" },
        { """{"email": "a@example.com", "password": "short", "displayName": "A"}""", "password" },
        { $$"""{"email": "a@example.com", "password": "{{new string('p', 129)}}", "displayName": "A"}""", "password" },
        { """{"email": "a@example.com", "password": "correct horse"}""", "displayName" },
        { """{"email": "a@example.com", "password": "correct horse", "displayName": "  "}""", "displayName" },
        { $$"""{"email": "a@example.com", "password": "correct horse", "displayName": "{{new string('n', 101)}}"}""", "displayName" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_a_400_naming_the_field_and_no_account_is_created(string body, string field)
    {
        using var client = App.CreateClient();
        var before = await App.Db.ScalarAsync<long>("""SELECT count(*) FROM "User" """, Ct);

        using var response = await client.PostJsonAsync("/api/auth/register", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await App.Db.ScalarAsync<long>("""SELECT count(*) FROM "User" """, Ct));
    }

    [Fact]
    public async Task Logging_in_answers_a_bearer_token_for_the_account_that_expires_when_it_says()
    {
        var account = await App.SignUpAsync();
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email.ToUpperInvariant(), password = Password }, Ct);

        var token = await response.ReadAsync<AccessTokenResponse>();
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(account.Id.ToString(), jwt.Subject);
        Assert.Equal(token.ExpiresAt, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        Assert.InRange(token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401_answer()
    {
        var account = await App.SignUpAsync();
        using var client = App.CreateClient();

        using var wrongPassword = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "not the password" }, Ct);
        using var unknownEmail = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = Password }, Ct);

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(WithoutTraceId(first), WithoutTraceId(second));
    }

    [Fact]
    public async Task A_login_without_a_password_is_a_400_naming_it()
    {
        using var client = App.CreateClient();

        using var response = await client.PostJsonAsync("/api/auth/login", """{"email": "a@example.com"}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "password");
    }
}
