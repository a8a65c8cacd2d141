using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Marketplace.Api.Replicas;

/// <summary>
/// What one replica tells every other at once, over Redis pub/sub: a user's security stamp or suspension changed, a
/// session ended, the category tree changed. A message is best effort: one published while Redis is away is lost, so every cache it
/// evicts keeps its own expiry as the fallback, and a replica whose connection comes back drops those caches whole
/// (it may have missed anything meanwhile). Without Redis (one replica) publishing does nothing.
/// </summary>
public sealed partial class ReplicaMessages(SharedState shared, ILogger<ReplicaMessages> logger)
{
    /// <summary>A user's stamp was raised or their suspension changed; the message is the user's id and the stamp.</summary>
    public static readonly RedisChannel SecurityStampsChannel = RedisChannel.Literal("marketplace:security-stamps");

    /// <summary>A session ended (signing out); the message is the session's id.</summary>
    public static readonly RedisChannel SessionsChannel = RedisChannel.Literal("marketplace:sessions");

    /// <summary>The category table changed; the message carries nothing.</summary>
    public static readonly RedisChannel CategoriesChannel = RedisChannel.Literal("marketplace:categories");

    private readonly ConcurrentDictionary<RedisChannel, Action<string>> _handlers = new();
    private readonly ConcurrentBag<Action> _onMissed = [];

    /// <summary>Sends <paramref name="message"/> to every replica, this one included; never waits, never throws.</summary>
    public void Publish(RedisChannel channel, string message)
    {
        if (shared.Multiplexer is not { IsConnected: true } redis)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (SharedState.IsOutage(e))
        {
            LogNotPublished(logger, channel.ToString(), e);
        }
    }

    /// <summary>Runs <paramref name="handler"/> for every message on <paramref name="channel"/> (one handler a channel).</summary>
    public void On(RedisChannel channel, Action<string> handler) => _handlers[channel] = handler;

    /// <summary>Runs <paramref name="handler"/> when the connection comes back: messages may have been missed meanwhile.</summary>
    public void OnPossiblyMissed(Action handler) => _onMissed.Add(handler);

    /// <summary>Subscribes every registered channel; the client subscribes again by itself after a reconnect.</summary>
    public async Task StartAsync()
    {
        if (shared.Multiplexer is not { } redis)
        {
            return;
        }

        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType is ConnectionType.Subscription)
            {
                LogRestored(logger);
                foreach (var handler in _onMissed)
                {
                    handler();
                }
            }
        };

        var subscriber = redis.GetSubscriber();
        foreach (var (channel, handler) in _handlers)
        {
            try
            {
                await subscriber.SubscribeAsync(channel, (_, message) => Dispatch(channel, handler, message));
            }
            catch (Exception e) when (SharedState.IsOutage(e))
            {
                // Not connected yet: the client subscribes when the connection comes up (a subscription is remembered).
                LogNotSubscribed(logger, channel.ToString(), e);
            }
        }
    }

    private void Dispatch(RedisChannel channel, Action<string> handler, RedisValue message)
    {
        try
        {
            handler(message.ToString());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            LogUnreadable(logger, channel.ToString(), e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish on {Channel}; other replicas notice when their caches expire")]
    private static partial void LogNotPublished(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to {Channel} yet; the subscription follows the connection")]
    private static partial void LogNotSubscribed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable message on {Channel}")]
    private static partial void LogUnreadable(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: the caches other replicas' messages evict are dropped, as messages may have been missed")]
    private static partial void LogRestored(ILogger logger);
}
