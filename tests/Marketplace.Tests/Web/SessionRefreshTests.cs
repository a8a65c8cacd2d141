extern alias MarketplaceWeb;

using Marketplace.Contracts.Accounts;
using MarketplaceWeb::Marketplace.Web.Auth;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Tests.Web;

/// <summary>When a session refreshes its Api tokens, and that a page's parallel requests present the refresh token once.</summary>
public sealed class SessionRefreshTests
{
    private static readonly DateTimeOffset ExpiresAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-600, false)]
    [InlineData(-121, false)]
    [InlineData(-120, true)]
    [InlineData(-1, true)]
    [InlineData(30, true)]
    public void A_session_refreshes_from_two_minutes_before_its_access_token_expires(int secondsFromExpiry, bool due) =>
        Assert.Equal(due, TokenRefreshTiming.IsDue(ExpiresAt, ExpiresAt.AddSeconds(secondsFromExpiry)));

    [Fact]
    public async Task Concurrent_requests_of_one_session_share_one_exchange_of_its_refresh_token()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var gate = new TokenRefreshGate(cache);
        var exchanges = 0;
        var answer = new TaskCompletionSource<AccessTokenResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<AccessTokenResponse?> Exchange(string token)
        {
            Interlocked.Increment(ref exchanges);
            return answer.Task;
        }

        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(() => gate.RefreshAsync("refresh-1", Exchange))).ToArray();
        var pair = new AccessTokenResponse("access-2", ExpiresAt, "refresh-2", ExpiresAt.AddDays(14));
        answer.SetResult(pair);
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, exchanges);
        Assert.All(results, result => Assert.Same(pair, result));
    }

    [Fact]
    public async Task A_failed_exchange_is_not_remembered()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var gate = new TokenRefreshGate(cache);

        await Assert.ThrowsAsync<HttpRequestException>(() => gate.RefreshAsync("refresh-1", _ => Task.FromException<AccessTokenResponse?>(new HttpRequestException("down"))));
        var pair = new AccessTokenResponse("access-2", ExpiresAt, "refresh-2", ExpiresAt.AddDays(14));
        await WaitUntilForgottenAsync(gate, pair);
    }

    // The failed task leaves the cache in a continuation; the next request then exchanges again.
    private static async Task WaitUntilForgottenAsync(TokenRefreshGate gate, AccessTokenResponse pair)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                Assert.Same(pair, await gate.RefreshAsync("refresh-1", _ => Task.FromResult<AccessTokenResponse?>(pair)));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10);
            }
        }

        Assert.Fail("The failed exchange was still remembered after a second.");
    }
}
