using System.Collections.Concurrent;
using System.Globalization;
using Marketplace.Api.Replicas;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>What an access token is checked against on every authenticated request.</summary>
public readonly record struct UserStamp(int SecurityStamp, bool Suspended);

/// <summary>
/// The one owner of the security stamp: what an access token carries (<see cref="ClaimType"/>), what every authenticated
/// request compares it with (<see cref="FindAsync"/>, through an in-memory cache, so a request costs no database
/// round trip), and the one way to make every token issued so far stop working (<see cref="Invalidate"/>). Every change
/// is published to the other replicas (<see cref="ReplicaMessages"/>), which evict at once; the cache's expiry is the
/// fallback for a message missed. Anonymous requests never get here.
/// </summary>
public sealed class SecurityStamps(
    IServiceScopeFactory scopeFactory, IOptions<AccountsOptions> options, TimeProvider timeProvider, ReplicaMessages messages) : IDisposable
{
    /// <summary>The access token claim that carries the stamp.</summary>
    public const string ClaimType = "sstamp";

    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    // Stamps raised on this instance whose change may not be committed yet: until the database shows at least this
    // stamp, what it shows is not cached (else a request racing the commit could cache the old stamp for the whole
    // cache duration). Dropped once seen, or once the cache duration has passed (a change that never committed).
    private readonly ConcurrentDictionary<Guid, (int Stamp, DateTimeOffset Until)> _raised = new();

    /// <summary>The user's current stamp and whether they are suspended; null when there is no such user (or it was deleted).</summary>
    public async ValueTask<UserStamp?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out UserStamp? cached))
        {
            return cached;
        }

        UserStamp? current;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            current = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.DeletedAt == null)
                .Select(u => (UserStamp?)new UserStamp(u.SecurityStamp, u.SuspendedAt != null))
                .SingleOrDefaultAsync(cancellationToken);
        }

        var duration = options.Value.SecurityStampCacheDuration;
        if (duration > TimeSpan.Zero && !RaiseStillPending(userId, current))
        {
            _cache.Set(userId, current, duration);
        }

        return current;
    }

    /// <summary>
    /// Raises the stamp of a tracked <paramref name="user"/>, so that once the caller saves, every access token issued
    /// before is refused: on every replica at once (published with the new stamp, so that no replica caches an older
    /// one while the change commits); within <c>Accounts:SecurityStampCacheDuration</c> on one that missed the message.
    /// Refresh tokens are the caller's to revoke.
    /// </summary>
    public void Invalidate(User user)
    {
        Raised(user.Id, user.SecurityStamp + 1);
        user.SecurityStamp++;
        messages.Publish(ReplicaMessages.SecurityStampsChannel, $"{user.Id:D}:{user.SecurityStamp.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Evicts what every replica holds for the user (after a committed change to the stamp or the suspension).</summary>
    public void Forget(Guid userId)
    {
        _cache.Remove(userId);
        messages.Publish(ReplicaMessages.SecurityStampsChannel, userId.ToString("D"));
    }

    /// <summary>Another replica's <see cref="Invalidate"/> (<c>id:stamp</c>) or <see cref="Forget"/> (<c>id</c>).</summary>
    public void OnPublished(string message)
    {
        var separator = message.IndexOf(':', StringComparison.Ordinal);
        var userId = Guid.Parse(separator < 0 ? message : message[..separator], CultureInfo.InvariantCulture);
        if (separator < 0)
        {
            _cache.Remove(userId);
        }
        else
        {
            Raised(userId, int.Parse(message[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Drops every cached stamp: after an outage of Redis this replica may have missed changes.</summary>
    public void ForgetAll() => _cache.Clear();

    private void Raised(Guid userId, int stamp)
    {
        _raised[userId] = (stamp, timeProvider.GetUtcNow() + options.Value.SecurityStampCacheDuration);
        _cache.Remove(userId);
    }

    private bool RaiseStillPending(Guid userId, UserStamp? current)
    {
        if (!_raised.TryGetValue(userId, out var raised))
        {
            return false;
        }

        if (current is { } seen && seen.SecurityStamp >= raised.Stamp || timeProvider.GetUtcNow() >= raised.Until)
        {
            _raised.TryRemove(new KeyValuePair<Guid, (int, DateTimeOffset)>(userId, raised));
            return false;
        }

        return true;
    }

    public void Dispose() => _cache.Dispose();
}
