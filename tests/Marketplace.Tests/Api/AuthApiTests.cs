using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
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
    public async Task Registering_answers_201_with_the_account_and_stores_a_hash_never_the_password()
    {
        using var client = App.CreateClient();
        var email = $"Ada.{Guid.NewGuid():N}@Example.com";

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = " Ada " }, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        var user = await response.ReadAsync<UserResponse>(HttpStatusCode.Created);
        Assert.Equal((email, "Ada"), (user.Email, user.DisplayName));
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        var stored = await App.Db.ScalarAsync<string>($"""SELECT "PasswordHash" FROM "User" WHERE "Id" = '{user.Id}'""", Ct);
        Assert.NotEqual(Password, stored);
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<User>().VerifyHashedPassword(null!, stored, Password));
        Assert.Equal(email.ToUpperInvariant(), await App.Db.ScalarAsync<string>($"""SELECT "NormalizedEmail" FROM "User" WHERE "Id" = '{user.Id}'""", Ct));
    }

    [Fact]
    public async Task An_email_already_registered_in_any_case_is_a_409_problem_and_no_second_account()
    {
        var first = await App.SignUpAsync();
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/register",
            new { email = first.Email.ToUpperInvariant(), password = Password, displayName = "Copycat" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "User" WHERE "NormalizedEmail" = '{first.Email.ToUpperInvariant()}'""", Ct));
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
