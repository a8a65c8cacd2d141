using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Sessions that end: every access token names its session; signing out ends that one session (its copied access and
/// refresh tokens are refused at once), a suspension ends every one for good, and none outlives its maximum age.
/// </summary>
public sealed class SessionTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Signing_out_refuses_a_copy_of_the_sessions_access_and_refresh_tokens_at_once_and_leaves_other_sessions_alone()
    {
        var account = await App.SignUpAsync();
        var session = await App.SignInAsync(account.Email);
        var other = await App.SignInAsync(account.Email);
        // What a thief copied: the access token and the refresh token of the session (the Web's cookie holds both).
        using var copy = App.CreateClient(session.AccessToken);
        await copy.AssertSignedInAsync();

        using (var signOut = await App.CreateClient(session.AccessToken).PostAsync("/api/auth/sign-out", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        await copy.AssertSignedOutAsync();
        await (await App.RefreshAsync(session.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient(other.AccessToken).AssertSignedInAsync();
        await (await App.RefreshAsync(other.RefreshToken)).ReadAsync<AccessTokenResponse>();
    }

    [Fact]
    public async Task An_access_token_names_its_session_and_expires_no_later_than_it()
    {
        var account = await App.SignUpAsync();

        var pair = await App.SignInAsync(account.Email);

        var sessionId = new JsonWebToken(pair.AccessToken).GetClaim(AccessTokens.SessionClaim).Value;
        var expiresAt = await TimeAsync($"""SELECT "ExpiresAt" FROM "Session" WHERE "Id" = '{sessionId}' AND "UserId" = '{account.Id}'""", Ct);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        Assert.Equal(sessionId, await App.Db.ScalarAsync<Guid>($"""SELECT "FamilyId" FROM "RefreshToken" WHERE "TokenHash" = '\x{HashOf(pair.RefreshToken)}'::bytea""", Ct) + "");
    }

    [Fact]
    public async Task No_refresh_carries_a_session_past_its_maximum_age_of_30_days()
    {
        var account = await App.SignUpAsync();
        var pair = await App.SignInAsync(account.Email);
        var sessionId = new JsonWebToken(pair.AccessToken).GetClaim(AccessTokens.SessionClaim).Value;

        // Signed in 30 days less ten minutes ago, refreshed ever since: the next pair ends with the session.
        await App.Db.ExecuteAsync($"""UPDATE "Session" SET "CreatedAt" = now() - interval '30 days' + interval '10 minutes', "ExpiresAt" = now() + interval '10 minutes' WHERE "Id" = '{sessionId}'""", Ct);
        var last = await (await App.RefreshAsync(pair.RefreshToken)).ReadAsync<AccessTokenResponse>();
        var sessionEnds = await TimeAsync($"""SELECT "ExpiresAt" FROM "Session" WHERE "Id" = '{sessionId}'""", Ct);
        Assert.True(last.RefreshTokenExpiresAt <= sessionEnds, $"{last.RefreshTokenExpiresAt} > {sessionEnds}");
        Assert.True(last.ExpiresAt <= sessionEnds, $"{last.ExpiresAt} > {sessionEnds}");

        // Past it, neither its refresh token nor its access token works.
        await App.Db.ExecuteAsync($"""UPDATE "Session" SET "ExpiresAt" = now() - interval '1 second' WHERE "Id" = '{sessionId}'""", Ct);
        await (await App.RefreshAsync(last.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient(last.AccessToken).AssertSignedOutAsync();
    }

    [Fact]
    public async Task A_suspension_ends_every_session_so_reinstating_brings_none_back()
    {
        var admin = await App.SignUpAdminAsync();
        var account = await App.SignUpAsync();
        var pair = await App.SignInAsync(account.Email);

        using (var suspend = await admin.Client.PostAsJsonAsync($"/api/admin/users/{account.Id}/suspend", new { reason = "Spam" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }

        using (var reinstate = await admin.Client.PostAsJsonAsync($"/api/admin/users/{account.Id}/reinstate", new { reason = "Appeal" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reinstate.StatusCode);
        }

        await (await App.RefreshAsync(pair.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient(pair.AccessToken).AssertSignedOutAsync();
        await account.Client.AssertSignedOutAsync();
        await App.CreateClient((await App.SignInAsync(account.Email)).AccessToken).AssertSignedInAsync();
    }

    [Fact]
    public async Task A_token_of_the_release_before_sessions_had_ids_works_until_it_expires_and_cannot_sign_out_one_session()
    {
        var account = await App.SignUpAsync();
        var user = await App.Db.ScalarAsync<string>($"""SELECT "Email" FROM "User" WHERE "Id" = '{account.Id}'""", Ct);
        var stamp = await App.Db.ScalarAsync<int>($"""SELECT "SecurityStamp" FROM "User" WHERE "Id" = '{account.Id}'""", Ct);
        var old = App.Services.GetRequiredService<AccessTokens>().IssueWithoutSession(App.Services, new Marketplace.Data.Entities.User
        {
            Id = account.Id, Email = user, NormalizedEmail = user.ToUpperInvariant(), DisplayName = "Test user", PasswordHash = "x",
            SecurityStamp = stamp, EmailVerifiedAt = DateTimeOffset.UtcNow,
        });
        using var client = App.CreateClient(old);
        await client.AssertSignedInAsync();

        using var signOut = await client.PostAsync("/api/auth/sign-out", null, Ct);

        await signOut.AssertProblemAsync(HttpStatusCode.Conflict);
        using (var everywhere = await client.PostAsync("/api/auth/sign-out-everywhere", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        }

        await client.AssertSignedOutAsync();
    }

    private async Task<DateTimeOffset> TimeAsync(string sql, CancellationToken cancellationToken) =>
        new(DateTime.SpecifyKind(await App.Db.ScalarAsync<DateTime>(sql, cancellationToken), DateTimeKind.Utc));

    private static string HashOf(string refreshToken) => Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(refreshToken)));
}
