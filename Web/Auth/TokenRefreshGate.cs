using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Auth;

/// <summary>
/// One refresh per refresh token in this process. A page's parallel requests all carry the same ticket; each refresh
/// token works once at the Api and a second use revokes the whole session, so concurrent requests share the first one's
/// exchange (kept a minute) instead of each presenting the token. A failed exchange (the Api down, or a 429: see
/// <see cref="ApiSession.ExchangeAsync"/>) is forgotten at once; only a refusal of the token is kept.
/// </summary>
public sealed class TokenRefreshGate(IMemoryCache cache)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();

    /// <summary>The new pair, or null when the Api refused the refresh token (the session is over).</summary>
    public Task<AccessTokenResponse?> RefreshAsync(string refreshToken, Func<string, Task<AccessTokenResponse?>> exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var key = KeyOf(refreshToken);
        Task<AccessTokenResponse?> task;
        lock (gate)
        {
            if (cache.TryGetValue(key, out Task<AccessTokenResponse?>? known) && known is not null)
            {
                return known;
            }

            task = exchange(refreshToken);
            cache.Set(key, task, Remembered);
        }

        _ = task.ContinueWith(t => cache.Remove(key), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }

    // The cache holds a hash, not the token itself.
    private static string KeyOf(string refreshToken) =>
        "refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}
