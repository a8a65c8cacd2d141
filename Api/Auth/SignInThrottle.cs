using Marketplace.Api.Infrastructure;
using Marketplace.Api.Replicas;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Auth;

/// <summary>
/// Sign-in attempts per target account, whoever makes them and whether or not the account exists (the answer must not
/// tell): the first <c>RequestLimits:SignInFailuresBeforeDelay</c> are free, then each must wait twice as long as the
/// one before, from one second up to <c>RequestLimits:SignInMaxDelay</c>; a successful sign-in starts over, and the
/// count is forgotten <c>RequestLimits:SignInFailureWindow</c> after the last attempt. An attempt is counted before
/// its password is checked, so concurrent guesses cannot slip past the count. Counted in Redis, so every replica
/// sees one count; while Redis does not answer, in this replica with its share of the free attempts.
/// </summary>
public sealed class SignInThrottle(SharedState shared, IOptions<RequestLimitsOptions> limits, IOptions<ReplicaOptions> replicas, TimeProvider timeProvider)
    : IDisposable
{
    // Returns 0 when the attempt may go ahead (and counts it), else the milliseconds until the next may.
    private static readonly LuaScript Attempt = LuaScript.Prepare("""
        local now = tonumber(@now)
        local next_at = tonumber(redis.call('HGET', @key, 'next') or '0')
        if now < next_at then
            return next_at - now
        end
        local count = redis.call('HINCRBY', @key, 'count', 1)
        local delay = 0
        if count >= tonumber(@free) then
            delay = math.min(1000 * 2 ^ (count - tonumber(@free)), tonumber(@max_delay))
        end
        redis.call('HSET', @key, 'next', now + delay)
        redis.call('PEXPIRE', @key, math.max(tonumber(@memory), delay))
        return 0
        """);

    private readonly MemoryCache _own = new(new MemoryCacheOptions());
    private readonly Lock _ownGate = new();

    /// <summary>Counts an attempt to sign in as <paramref name="normalizedEmail"/>; null when it may go ahead, else how long to wait.</summary>
    public async ValueTask<TimeSpan?> AttemptAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var options = limits.Value;
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (shared.Database is { } redis)
        {
            try
            {
                var wait = (long)await redis.ScriptEvaluateAsync(Attempt, new
                {
                    key = (RedisKey)KeyOf(normalizedEmail),
                    now,
                    free = options.SignInFailuresBeforeDelay,
                    max_delay = (long)options.SignInMaxDelay.TotalMilliseconds,
                    memory = (long)options.SignInFailureWindow.TotalMilliseconds,
                }).WaitAsync(cancellationToken);
                return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
            }
            catch (Exception e) when (SharedState.IsOutage(e))
            {
                // Counted here instead, below.
            }
        }

        return AttemptHere(normalizedEmail, now, options);
    }

    /// <summary>The right password: the account's count starts over.</summary>
    public async ValueTask SucceededAsync(string normalizedEmail)
    {
        _own.Remove(normalizedEmail);
        if (shared.Database is { } redis)
        {
            try
            {
                await redis.KeyDeleteAsync(KeyOf(normalizedEmail), CommandFlags.FireAndForget);
            }
            catch (Exception e) when (SharedState.IsOutage(e))
            {
                // The count expires by itself.
            }
        }
    }

    public void Dispose() => _own.Dispose();

    private TimeSpan? AttemptHere(string normalizedEmail, long now, RequestLimitsOptions options)
    {
        var free = replicas.Value.ShareOf(options.SignInFailuresBeforeDelay);
        lock (_ownGate)
        {
            var (count, nextAt) = _own.TryGetValue(normalizedEmail, out (int Count, long NextAt) known) ? known : (0, 0L);
            if (now < nextAt)
            {
                return TimeSpan.FromMilliseconds(nextAt - now);
            }

            count++;
            var delay = count >= free ? Math.Min(1000 * Math.Pow(2, count - free), options.SignInMaxDelay.TotalMilliseconds) : 0;
            _own.Set(normalizedEmail, (count, now + (long)delay), options.SignInFailureWindow + TimeSpan.FromMilliseconds(delay));
            return null;
        }
    }

    private static string KeyOf(string normalizedEmail) => SharedLimits.KeyOf("sign-in", SharedLimits.Hashed(normalizedEmail));
}
