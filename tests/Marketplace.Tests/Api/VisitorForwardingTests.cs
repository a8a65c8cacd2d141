using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Infrastructure;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Web app calls the Api for its visitors and names each one's address over a channel only it can use: the
/// forwarding key. With it, per-caller limits count visitors; without it, X-Forwarded-For changes nothing.
/// </summary>
public sealed class VisitorForwardingTests(PostgresServer server)
{
    private const string Key = "the-web-apps-forwarding-key-0123456789";

    private static readonly HttpStatusCode[] TwoThenLimited = [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests];

    private Task<ApiApp> ApiAsync(string? key = Key) => ApiApp.CreateAsync(server, new Dictionary<string, string?>
    {
        ["VisitorForwarding:Key"] = key,
        ["RequestLimits:WritesPerWindow"] = "2",
        ["RequestLimits:WriteWindow"] = "00:10:00",
    }, cancellationToken: Ct);

    [Fact]
    public async Task With_the_key_two_forwarded_visitors_get_a_budget_each_counted_by_the_first_address()
    {
        await using var app = await ApiAsync();

        var first = await LoginStatusesAsync(app, Key, "203.0.113.1", 3);
        var second = await LoginStatusesAsync(app, Key, "203.0.113.2", 1);
        // Proxies append the address they saw; the visitor's is the first.
        var firstAgain = await LoginStatusesAsync(app, Key, "203.0.113.1, 10.0.0.7", 1);
        var mappedSecond = await LoginStatusesAsync(app, Key, "::ffff:203.0.113.2", 2);
        var ipv6 = await LoginStatusesAsync(app, Key, "2001:db8::17", 1);

        Assert.Equal(TwoThenLimited, first);
        Assert.Equal([HttpStatusCode.Unauthorized], second);
        Assert.Equal([HttpStatusCode.TooManyRequests], firstAgain);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], mappedSecond);
        Assert.Equal([HttpStatusCode.Unauthorized], ipv6);
    }

    [Fact]
    public async Task Without_the_key_or_with_a_wrong_one_a_forwarded_address_cannot_buy_a_fresh_budget()
    {
        await using var app = await ApiAsync();

        var noKey = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            noKey.AddRange(await LoginStatusesAsync(app, key: null, $"198.51.100.{i + 1}", 1));
        }

        var wrongKey = await LoginStatusesAsync(app, Key.Replace('0', '1'), "198.51.100.99", 1);
        var emptyKey = await LoginStatusesAsync(app, "", "198.51.100.98", 1);

        Assert.Equal(TwoThenLimited, noKey);
        Assert.Equal([HttpStatusCode.TooManyRequests], wrongKey);
        Assert.Equal([HttpStatusCode.TooManyRequests], emptyKey);
    }

    [Fact]
    public async Task With_the_key_an_address_that_is_not_one_is_ignored_and_the_connections_own_address_counts()
    {
        await using var app = await ApiAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var unreadable in new[] { "not-an-address", "203.0.113.5:8080", "0x7f.1", "" })
        {
            statuses.AddRange(await LoginStatusesAsync(app, Key, unreadable, 1));
        }

        var withoutHeader = await LoginStatusesAsync(app, key: null, forwardedFor: null, 1);
        var aRealVisitor = await LoginStatusesAsync(app, Key, "203.0.113.5", 1);

        // All four counted against the connection's address, as the request without any header is.
        Assert.Equal([.. TwoThenLimited, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal([HttpStatusCode.TooManyRequests], withoutHeader);
        Assert.Equal([HttpStatusCode.Unauthorized], aRealVisitor);
    }

    [Fact]
    public async Task When_no_key_is_configured_no_request_is_trusted_with_a_visitors_address()
    {
        await using var app = await ApiAsync(key: null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.AddRange(await LoginStatusesAsync(app, Key, $"192.0.2.{i + 1}", 1));
        }

        Assert.Equal(TwoThenLimited, statuses);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData(" 203.0.113.9 , 10.1.2.3", "203.0.113.9")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
    [InlineData("::ffff:198.51.100.4", "198.51.100.4")]
    [InlineData("1", null)]
    [InlineData("127.1", null)]
    [InlineData("0x7f.0.0.1", null)]
    [InlineData("010.0.0.1", null)]
    [InlineData("203.0.113.9:443", null)]
    [InlineData("[2001:db8::1]", null)]
    [InlineData("[2001:db8::1]:443", null)]
    [InlineData("fe80::1%2", null)]
    [InlineData("unknown", null)]
    [InlineData("", null)]
    [InlineData(", 203.0.113.9", null)]
    public void Only_an_exact_address_is_read_as_the_visitors(string forwardedFor, string? expected) =>
        Assert.Equal(expected, VisitorForwarding.FirstAddress(forwardedFor)?.ToString());

    private static async Task<List<HttpStatusCode>> LoginStatusesAsync(ApiApp app, string? key, string? forwardedFor, int attempts)
    {
        using var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(VisitorForwarding.KeyHeader, key);
        }

        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(VisitorForwarding.ForwardedForHeader, forwardedFor);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "victim@example.com", password = $"guess {i}" }, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
