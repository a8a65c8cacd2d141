extern alias MarketplaceWeb;

using Marketplace.Tests.Api;
using Marketplace.Tests.Support;
using MarketplaceWeb::Marketplace.Web.Api;
using MarketplaceWeb::Marketplace.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Tests.Web;

/// <summary>
/// A refresh the Api turns away for being over the visitor's limit (429) is a pause, not the end of the session: the
/// Web's exchange does not take it for a refused token, and its gate does not remember it, so the next request asks
/// the Api again (remembering it as a refusal signed the visitor out for a minute).
/// </summary>
public sealed class RefreshLimitTests(PostgresServer server)
{
    [Fact]
    public async Task A_refresh_over_the_limit_is_neither_a_refusal_nor_remembered()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "1",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        }, cancellationToken: TestContext.Current.CancellationToken);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using var http = app.CreateClient();
        var api = new MarketplaceApiClient(http, new HttpContextAccessor(), TimeProvider.System, cache, NullLogger<MarketplaceApiClient>.Instance);
        var gate = new TokenRefreshGate(cache);

        // The one anonymous write of the window: a token the Api does not know is refused, and that is the session's end.
        Assert.Null(await gate.RefreshAsync("not-a-refresh-token", token => ApiSession.ExchangeAsync(api, token)));

        var exchanges = 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<ApiUnavailableException>(() => gate.RefreshAsync("a-later-refresh-token", token =>
            {
                Interlocked.Increment(ref exchanges);
                return ApiSession.ExchangeAsync(api, token);
            }));
            await WaitUntilForgottenAsync(cache);
        }

        Assert.Equal(2, exchanges);
    }

    // The failed exchange leaves the cache in a continuation.
    private static async Task WaitUntilForgottenAsync(MemoryCache cache)
    {
        for (var attempt = 0; attempt < 100 && cache.Count > 1; attempt++)
        {
            await Task.Delay(10);
        }
    }
}
