using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Redis goes away under two replicas: reads answer, sign-in and refresh go on within each replica's share of the
/// budget, /health says Degraded (200, the replica stays in rotation), nothing answers 500; Redis comes back and the
/// replicas count together again without a restart.
/// </summary>
public sealed class RedisOutageTests(PostgresServer server)
{
    [Fact]
    public async Task Without_Redis_each_replica_allows_its_share_and_with_Redis_back_they_count_together_again()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "4",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        });
        var account = await SignUpAsVisitorAsync(replicas.First, "192.0.2.1");

        await replicas.Redis.StopAsync();

        foreach (var replica in new[] { replicas.First, replicas.Second })
        {
            using var client = replica.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/listings?q=lamp", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/categories", Ct)).StatusCode);
            using var health = await client.GetAsync("/health", Ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(Ct));
        }

        // Four a window in all, so two on each replica: the right password too, then a refresh, then the share is spent.
        var first = await StatusesAsync(replicas.First, "192.0.2.2", account);
        var second = await StatusesAsync(replicas.Second, "192.0.2.2", account);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], second);

        await replicas.Redis.StartAsync();
        foreach (var replica in new[] { replicas.First, replicas.Second })
        {
            Assert.Equal("Healthy", await HealthOnceRedisAnswersAsync(replica));
        }

        // One budget again: four sign-ins in all from a new address, taking turns, then 429 on either replica.
        var together = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = TwoReplicas.Visitor(replicas.Turn(i), "192.0.2.3");
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, Ct);
            together.Add(login.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], together);
    }

    /// <summary>Signs in, refreshes, and signs in again, from <paramref name="visitor"/> on <paramref name="replica"/>.</summary>
    private static async Task<List<HttpStatusCode>> StatusesAsync(ApiApp replica, string visitor, Account account)
    {
        using var client = TwoReplicas.Visitor(replica, visitor);
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, Ct);
        var statuses = new List<HttpStatusCode> { login.StatusCode };
        var pair = await login.ReadAsync<AccessTokenResponse>();
        using var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = pair.RefreshToken }, Ct);
        statuses.Add(refresh.StatusCode);
        using var again = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, Ct);
        statuses.Add(again.StatusCode);
        return statuses;
    }

    private static async Task<Account> SignUpAsVisitorAsync(ApiApp replica, string visitor)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        using var client = TwoReplicas.Visitor(replica, visitor);
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Outage" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        return new Account(Guid.Empty, email, Password, "", client);
    }

    /// <summary>/health's answer once Redis answers this replica again (the client reconnects by itself), or after a minute.</summary>
    private static async Task<string> HealthOnceRedisAnswersAsync(ApiApp replica)
    {
        using var client = replica.CreateClient();
        var stopwatch = Stopwatch.StartNew();
        string status;
        do
        {
            await Task.Delay(200, Ct);
            using var health = await client.GetAsync("/health", Ct);
            status = await health.Content.ReadAsStringAsync(Ct);
        }
        while (status != "Healthy" && stopwatch.Elapsed < TimeSpan.FromMinutes(1));

        return status;
    }
}
