using System.Net.Http.Headers;
using Marketplace.Api.Infrastructure;
using Marketplace.Tests.Support;

namespace Marketplace.Tests.Api;

/// <summary>
/// Two Api replicas, as behind a load balancer: one database, one real Redis, <c>Replicas:Api</c> 2. Requests name
/// their visitor through the Web's forwarding channel, so each test chooses the address it is counted by.
/// </summary>
public sealed class TwoReplicas : IAsyncDisposable
{
    public const string ForwardingKey = "replica-tests-forwarding-key-0123456789";

    private TwoReplicas(RedisServer redis, ApiApp first, ApiApp second)
    {
        Redis = redis;
        First = first;
        Second = second;
    }

    public RedisServer Redis { get; }

    public ApiApp First { get; }

    public ApiApp Second { get; }

    /// <summary>The replica a request number <paramref name="i"/> goes to: they take turns.</summary>
    public ApiApp Turn(int i) => i % 2 == 0 ? First : Second;

    public static async Task<TwoReplicas> StartAsync(PostgresServer server, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var redis = await RedisServer.StartNewAsync();
        var all = redis.Settings(replicas: 2);
        all["VisitorForwarding:Key"] = ForwardingKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var first = await ApiApp.CreateAsync(server, all, cancellationToken: TestContext.Current.CancellationToken);
        return new TwoReplicas(redis, first, first.CreateReplica());
    }

    /// <summary>A client of <paramref name="replica"/> counted as <paramref name="visitor"/>, carrying <paramref name="bearer"/> if given.</summary>
    public static HttpClient Visitor(ApiApp replica, string visitor, string? bearer = null)
    {
        var client = replica.CreateClient();
        client.DefaultRequestHeaders.Add(VisitorForwarding.KeyHeader, ForwardingKey);
        client.DefaultRequestHeaders.TryAddWithoutValidation(VisitorForwarding.ForwardedForHeader, visitor);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
