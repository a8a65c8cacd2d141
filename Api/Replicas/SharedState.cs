using StackExchange.Redis;

namespace Marketplace.Api.Replicas;

/// <summary>
/// The replicas' shared Redis (<c>ConnectionStrings:cache</c>), or its absence. <see cref="Database"/> is null whenever
/// a command would not be answered at once (not configured, or not connected), so callers take their per-replica path
/// instead of waiting for a timeout: an outage costs a request nothing.
/// </summary>
public sealed class SharedState(IServiceProvider services)
{
    private readonly Lazy<IConnectionMultiplexer?> _multiplexer = new(() => services.GetService<IConnectionMultiplexer>());

    /// <summary>Whether this Api was given a Redis at all (one replica may run without).</summary>
    public bool IsConfigured => _multiplexer.Value is not null;

    /// <summary>The connection, when configured (connected or not).</summary>
    public IConnectionMultiplexer? Multiplexer => _multiplexer.Value;

    /// <summary>Redis when it answers now; null when it is not configured or not connected.</summary>
    public IDatabase? Database => _multiplexer.Value is { IsConnected: true } connected ? connected.GetDatabase() : null;

    /// <summary>
    /// True for what a Redis that went away throws (a lost or refused connection, a timeout, a command that failed
    /// fast while disconnected): such a failure is an outage to ride out, never a 500.
    /// </summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || exception is RedisServerException { Message: var message } && message.StartsWith("LOADING", StringComparison.Ordinal);
}
