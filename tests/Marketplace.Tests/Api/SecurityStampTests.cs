using System.Diagnostics;
using System.Net;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Every access token carries the account's security stamp; raising it ("sign out everywhere", a password change or
/// reset, a suspension) makes every token issued before stop working: at once on the instance that raised it, within
/// Accounts:SecurityStampCacheDuration on others that do not hear of it (no Redis here; ReplicaEvictionTests publish it).
/// </summary>
public sealed class SecurityStampTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task After_signing_out_everywhere_a_token_issued_before_is_a_401_problem_at_once_on_the_same_instance()
    {
        var account = await App.SignUpAsync();
        var otherSession = App.CreateClient(await App.LoginAsync(account.Email, account.Password));
        // Both tokens work, and the instance now holds the account's stamp in its cache (30 s by default).
        await ApiCalls.AssertSignedInAsync(account.Client);
        await ApiCalls.AssertSignedInAsync(otherSession);

        using var signOut = await account.Client.PostAsync("/api/auth/sign-out-everywhere", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        await (await otherSession.DeleteAsync(NoListing, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await account.Client.DeleteAsync(NoListing, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // Logging in again gives a token that works.
        await ApiCalls.AssertSignedInAsync(App.CreateClient(await App.LoginAsync(account.Email, account.Password)));
    }

    [Fact]
    public async Task Another_instance_refuses_the_old_token_within_its_cache_duration_and_not_by_a_query_per_request()
    {
        var cacheDuration = TimeSpan.FromSeconds(4);
        await using var replica = App.CreateReplica(new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = cacheDuration.ToString(),
        });
        var account = await App.SignUpAsync();
        using var onReplica = replica.CreateClient(account.AccessToken);
        await ApiCalls.AssertSignedInAsync(onReplica);

        using var signOut = await account.Client.PostAsync("/api/auth/sign-out-everywhere", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        var changed = Stopwatch.StartNew();

        // The replica still serves the stamp it cached: no database round trip per request...
        await ApiCalls.AssertSignedInAsync(onReplica);
        // ...and refuses the token once that entry is older than its cache duration.
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            using var probe = await onReplica.DeleteAsync(NoListing, Ct);
            status = probe.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && changed.Elapsed < cacheDuration + TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(changed.Elapsed <= cacheDuration + TimeSpan.FromSeconds(2), $"Refused after {changed.Elapsed}");
    }

    [Theory]
    [InlineData("suspended")]
    [InlineData("deleted")]
    public async Task A_token_of_a_suspended_or_deleted_account_is_a_401_problem(string what)
    {
        await using var replica = App.CreateReplica(new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = "00:00:00",
        });
        var account = await App.SignUpAsync();
        using var client = replica.CreateClient(account.AccessToken);
        await ApiCalls.AssertSignedInAsync(client);

        await App.Db.ExecuteAsync(what == "suspended"
            ? $"""UPDATE "User" SET "SuspendedAt" = now(), "SuspensionReason" = 'test' WHERE "Id" = '{account.Id}'"""
            : $"""DELETE FROM "User" WHERE "Id" = '{account.Id}'""", Ct);

        await (await client.DeleteAsync(NoListing, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_carrying_an_older_stamp_than_the_accounts_is_a_401_problem()
    {
        await using var replica = App.CreateReplica(new Dictionary<string, string?>
        {
            ["Accounts:SecurityStampCacheDuration"] = "00:00:00",
        });
        var account = await App.SignUpAsync();
        using var client = replica.CreateClient(account.AccessToken);

        await App.Db.ExecuteAsync($"""UPDATE "User" SET "SecurityStamp" = "SecurityStamp" + 1 WHERE "Id" = '{account.Id}'""", Ct);

        await (await client.DeleteAsync(NoListing, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await ApiCalls.AssertSignedInAsync(replica.CreateClient(await replica.LoginAsync(account.Email, account.Password)));
    }

    [Fact]
    public async Task Signing_out_everywhere_needs_a_token()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.PostAsync("/api/auth/sign-out-everywhere", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
