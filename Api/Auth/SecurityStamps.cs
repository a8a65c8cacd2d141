using System.Collections.Concurrent;
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
/// request compares it with (<see cref="FindAsync"/>, through a short in-memory cache, so a request costs no database
/// round trip), and the one way to make every token issued so far stop working (<see cref="Invalidate"/>).
/// Anonymous requests never get here.
/// </summary>
public sealed class SecurityStamps(IServiceScopeFactory scopeFactory, IOptions<AccountsOptions> options, TimeProvider timeProvider) : IDisposable
{
    /// <summary>The access token claim that carries the stamp.</summary>
    public const string ClaimType = "sstamp";

    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    // Stamps raised on this instance whose change may not be committed yet: until the database shows at least this
    // stamp, what it shows is not cached (else a request racing the commit could cache the old stamp for the whole
    // cache duration). Dropped once seen, or once the cache duration has passed (a change that never committed).
    private readonly ConcurrentDictionary<Guid, (int Stamp, DateTimeOffset Until)> _raised = new();

    /// <summary>The user's current stamp and whether they are suspended; null when there is no such user.</summary>
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
                .Where(u => u.Id == userId)
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
    /// before is refused: on this instance at once, on others within <c>Accounts:SecurityStampCacheDuration</c>.
    /// Refresh tokens are the caller's to revoke.
    /// </summary>
    public void Invalidate(User user)
    {
        user.SecurityStamp++;
        _raised[user.Id] = (user.SecurityStamp, timeProvider.GetUtcNow() + options.Value.SecurityStampCacheDuration);
        Forget(user.Id);
    }

    /// <summary>Evicts what this instance holds for the user (after a change to the stamp or the suspension).</summary>
    public void Forget(Guid userId) => _cache.Remove(userId);

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
