using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Marketplace.Api.Auth;
using Marketplace.Contracts.Accounts;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Login answers a rotating refresh token; POST /api/auth/refresh exchanges it, once, for the next pair. Presented again
/// within 30 s of its exchange it answers the same next refresh token (two tabs or replicas refreshing at once); later,
/// it ends the session. Tests of "later" move the exchange 31 s back in the database.
/// </summary>
public sealed class RefreshTokenTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Login_answers_a_short_access_token_and_a_refresh_token_of_which_only_the_SHA256_is_stored()
    {
        var account = await App.SignUpAsync();

        var pair = await App.SignInAsync(account.Email);

        Assert.InRange(pair.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
        Assert.InRange(pair.RefreshTokenExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(14));
        Assert.Equal(32, Base64Url.DecodeFromChars(pair.RefreshToken).Length);
        var hash = Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(pair.RefreshToken)));
        Assert.Equal(1L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "RefreshToken" WHERE "UserId" = '{account.Id}' AND "TokenHash" = '\x{hash}'::bytea""", Ct));
        Assert.Equal(0L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "RefreshToken" WHERE position(convert_to('{pair.RefreshToken}', 'UTF8') in "TokenHash") > 0""", Ct));
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_pair_that_works_and_is_then_refused()
    {
        var account = await App.SignUpAsync();
        var first = await App.SignInAsync(account.Email);

        using var refreshed = await App.RefreshAsync(first.RefreshToken);

        var second = await refreshed.ReadAsync<AccessTokenResponse>();
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        await App.CreateClient(second.AccessToken).AssertSignedInAsync();
        await ExchangedLongAgoAsync(first.RefreshToken);
        await (await App.RefreshAsync(first.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Within_30_seconds_of_its_exchange_a_refresh_token_answers_the_same_next_token_and_the_session_goes_on()
    {
        var account = await App.SignUpAsync();
        var first = await App.SignInAsync(account.Email);
        var second = await (await App.RefreshAsync(first.RefreshToken)).ReadAsync<AccessTokenResponse>();

        var again = await (await App.RefreshAsync(first.RefreshToken)).ReadAsync<AccessTokenResponse>();

        Assert.Equal(second.RefreshToken, again.RefreshToken);
        Assert.Equal(second.RefreshTokenExpiresAt, again.RefreshTokenExpiresAt);
        await App.CreateClient(again.AccessToken).AssertSignedInAsync();
        // The next token is one row, stored as its hash only, and it still works once.
        Assert.Equal(2L, await FamilySizeAsync(first.RefreshToken));
        Assert.Equal(0L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "RefreshToken" WHERE position(convert_to('{second.RefreshToken}', 'UTF8') in "TokenHash") > 0""", Ct));
        await App.CreateClient((await (await App.RefreshAsync(second.RefreshToken)).ReadAsync<AccessTokenResponse>()).AccessToken).AssertSignedInAsync();
    }

    [Fact]
    public async Task Presenting_a_used_refresh_token_again_later_ends_every_session_of_the_account_access_tokens_included()
    {
        var account = await App.SignUpAsync();
        var stolen = await App.SignInAsync(account.Email);
        var otherSession = await App.SignInAsync(account.Email);
        var second = await (await App.RefreshAsync(stolen.RefreshToken)).ReadAsync<AccessTokenResponse>();
        var third = await (await App.RefreshAsync(second.RefreshToken)).ReadAsync<AccessTokenResponse>();
        await App.CreateClient(third.AccessToken).AssertSignedInAsync();
        await ExchangedLongAgoAsync(stolen.RefreshToken);

        await (await App.RefreshAsync(stolen.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // Whoever holds the newest pair may be the thief: its refresh token and its access token stop working at once,
        // and so does every other session of the account (the owner signs in again; the thief cannot).
        await (await App.RefreshAsync(third.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.RefreshAsync(otherSession.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await App.CreateClient(third.AccessToken).AssertSignedOutAsync();
        await App.CreateClient(otherSession.AccessToken).AssertSignedOutAsync();
        await App.CreateClient((await App.SignInAsync(account.Email)).AccessToken).AssertSignedInAsync();
    }

    [Fact]
    public async Task Of_many_concurrent_refreshes_with_one_token_one_exchanges_it_and_all_get_the_same_next_token()
    {
        var account = await App.SignUpAsync();
        var pair = await App.SignInAsync(account.Email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => App.RefreshAsync(pair.RefreshToken)));

        var answers = await Task.WhenAll(responses.Select(r => r.ReadAsync<AccessTokenResponse>()));
        Assert.Single(answers.Select(a => a.RefreshToken).Distinct());
        Assert.Equal(1L, await App.Db.ScalarAsync<long>(
            $"""SELECT count(*) FROM "RefreshToken" WHERE "UserId" = '{account.Id}' AND "UsedAt" IS NOT NULL""", Ct));
        Assert.Equal(2L, await FamilySizeAsync(pair.RefreshToken));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_expired_an_unknown_a_revoked_and_a_used_token_get_the_same_401_problem()
    {
        var account = await App.SignUpAsync();
        var expired = await App.SignInAsync(account.Email);
        await App.Db.ExecuteAsync($"""
            UPDATE "RefreshToken" SET "ExpiresAt" = now() - interval '1 second'
            WHERE "TokenHash" = '\x{Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(expired.RefreshToken)))}'::bytea
            """, Ct);
        var revoked = await App.SignInAsync(account.Email);
        using (var signOut = await App.CreateClient(revoked.AccessToken).PostAsync("/api/auth/sign-out-everywhere", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        var used = await App.SignInAsync(account.Email);
        (await App.RefreshAsync(used.RefreshToken)).Dispose();
        await ExchangedLongAgoAsync(used.RefreshToken);

        var problems = new List<string>();
        foreach (var token in new[] { expired.RefreshToken, "unknown-token", revoked.RefreshToken, used.RefreshToken })
        {
            using var response = await App.RefreshAsync(token);
            problems.Add(WithoutTraceId(await response.AssertProblemAsync(HttpStatusCode.Unauthorized)));
        }

        Assert.Single(problems.Distinct());
    }

    [Fact]
    public async Task A_suspended_accounts_refresh_token_is_refused()
    {
        var account = await App.SignUpAsync();
        var pair = await App.SignInAsync(account.Email);
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "SuspendedAt" = now() WHERE "Id" = '{account.Id}'""", Ct);

        await (await App.RefreshAsync(pair.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"refreshToken": ""}""")]
    [InlineData("""{"refreshToken": 12}""")]
    public async Task A_refresh_without_a_token_is_a_400_naming_it(string body)
    {
        using var client = App.CreateClient();

        using var response = await client.PostJsonAsync("/api/auth/refresh", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "refreshToken");
    }

    /// <summary>How many refresh tokens the session of <paramref name="refreshToken"/> has had.</summary>
    private Task<long> FamilySizeAsync(string refreshToken) => App.Db.ScalarAsync<long>($"""
        SELECT count(*) FROM "RefreshToken" WHERE "FamilyId" = (SELECT "FamilyId" FROM "RefreshToken"
        WHERE "TokenHash" = '\x{Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(refreshToken)))}'::bytea)
        """, Ct);

    /// <summary>Moves the exchange of <paramref name="refreshToken"/> past the 30 s in which it answers its successor again.</summary>
    private Task ExchangedLongAgoAsync(string refreshToken) => App.Db.ExecuteAsync($"""
        UPDATE "RefreshToken" SET "UsedAt" = "UsedAt" - interval '31 seconds'
        WHERE "TokenHash" = '\x{Convert.ToHexString(SHA256.HashData(Base64Url.DecodeFromChars(refreshToken)))}'::bytea
        """, Ct);
}
