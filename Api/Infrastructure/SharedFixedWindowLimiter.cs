using System.Threading.RateLimiting;
using Marketplace.Api.Replicas;
using RedisRateLimiting;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// One budget of the replicas together: a fixed window counted in Redis (RedisRateLimiting's limiter), so N replicas
/// give one budget, not N. While Redis does not answer (not connected, or a command failed) this replica counts in its
/// own window at its share of the budget (<see cref="ReplicaOptions.ShareOf"/>), so the replicas together still allow
/// about the budget and nobody is refused because of the outage; when Redis answers again, counting goes back to it.
/// </summary>
public sealed class SharedFixedWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease NotDecidedYet = new AsyncOnlyLease();

    private readonly SharedState _state;
    private readonly RedisFixedWindowRateLimiter<string>? _shared;
    private readonly FixedWindowRateLimiter _own;

    public SharedFixedWindowLimiter(string key, int permits, TimeSpan window, int share, SharedState state)
    {
        _state = state;
        _shared = state.Multiplexer is { } redis
            ? new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                ConnectionMultiplexerFactory = () => redis,
            })
            : null;
        _own = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = _shared is null ? permits : share,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Idle only when both are: this replica's own window must not be forgotten while it still counts.</summary>
    public override TimeSpan? IdleDuration =>
        _own.IdleDuration is { } own && (_shared?.IdleDuration ?? own) is { } shared ? (own < shared ? own : shared) : null;

    public override RateLimiterStatistics? GetStatistics() => _own.GetStatistics();

    /// <summary>Redis is asked asynchronously only: without it the answer is this replica's at once, else "ask again async".</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        _shared is null || _state.Database is null ? _own.AttemptAcquire(permitCount) : NotDecidedYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (_shared is not null && _state.Database is not null)
        {
            try
            {
                return await _shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception e) when (SharedState.IsOutage(e))
            {
                // Redis went away between the check and the command: this request counts here.
            }
        }

        return _own.AttemptAcquire(permitCount);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared?.Dispose();
            _own.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        await _own.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    /// <summary>Not acquired and says nothing, so that the rate-limiting middleware goes on to <see cref="AcquireAsyncCore"/>.</summary>
    private sealed class AsyncOnlyLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
