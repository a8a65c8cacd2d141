using Marketplace.Api.Replicas;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// The one owner of sessions: starting one at sign-in (<see cref="Start"/>), whether the session an access token names is
/// still going (<see cref="IsActiveAsync"/>, asked on every authenticated request, from memory), ending one
/// (<see cref="EndAsync"/>: signing out) and ending every one of an account (<see cref="EndEverySessionAsync"/>: signing
/// out everywhere, a new password, a suspension, a stolen refresh token, a deletion). An ended session is published to
/// every replica (<see cref="ReplicaMessages.SessionsChannel"/>), which refuses its access tokens at once; a replica that
/// missed the message notices within <c>Accounts:SecurityStampCacheDuration</c>, as it does a security stamp.
/// </summary>
public sealed class Sessions(
    IServiceScopeFactory scopeFactory,
    SecurityStamps stamps,
    ReplicaMessages messages,
    IOptions<AccountsOptions> options,
    IOptions<JwtOptions> jwt,
    TimeProvider timeProvider) : IDisposable
{
    // Whether a session was going when this replica last read it, for Accounts:SecurityStampCacheDuration.
    private readonly MemoryCache _read = new(new MemoryCacheOptions());

    // Sessions this replica heard were ended. Ending is for good, so this wins over whatever _read says (a read racing the
    // commit of the end); kept as long as an access token lives, after which none of the session's can be presented.
    private readonly MemoryCache _ended = new(new MemoryCacheOptions());

    /// <summary>A new session of <paramref name="user"/>, added to <paramref name="db"/>; the caller saves.</summary>
    public Session Start(MarketplaceDbContext db, User user)
    {
        var now = timeProvider.GetUtcNow();
        // As PostgreSQL stores it (microseconds), so that what is issued now and what is read back later agree.
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.SessionMaxAge,
        };
        db.Sessions.Add(session);
        return session;
    }

    /// <summary>Whether <paramref name="session"/> may still be used at <paramref name="now"/>: not ended, not past its maximum age.</summary>
    public static bool IsLive(Session session, DateTimeOffset now) => session.RevokedAt is null && session.ExpiresAt > now;

    /// <summary>
    /// The session of the refresh tokens of <paramref name="familyId"/>. A family the release before started has no row:
    /// it gets one now, as old as its first token (so the maximum age counts from that sign-in). Null when the family is gone.
    /// </summary>
    public async Task<Session?> OfFamilyAsync(MarketplaceDbContext db, Guid familyId, CancellationToken cancellationToken)
    {
        if (await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == familyId, cancellationToken) is { } session)
        {
            return session;
        }

        var first = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.FamilyId == familyId)
            .OrderBy(t => t.CreatedAt)
            .Select(t => new { t.UserId, t.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        var expiresAt = first.CreatedAt + options.Value.SessionMaxAge;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Session" ("Id", "UserId", "CreatedAt", "ExpiresAt") VALUES ({familyId}, {first.UserId}, {first.CreatedAt}, {expiresAt})
            ON CONFLICT ("Id") DO NOTHING
            """, cancellationToken);
        return await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == familyId, cancellationToken);
    }

    /// <summary>Whether the session an access token names is still going (from memory when this replica read it lately).</summary>
    public async ValueTask<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (_ended.TryGetValue(sessionId, out _))
        {
            return false;
        }

        if (_read.TryGetValue(sessionId, out bool going))
        {
            return going;
        }

        DateTimeOffset? expiresAt;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            expiresAt = await db.Sessions.AsNoTracking()
                .Where(s => s.Id == sessionId && s.RevokedAt == null)
                .Select(s => (DateTimeOffset?)s.ExpiresAt)
                .SingleOrDefaultAsync(cancellationToken);
        }

        going = expiresAt > timeProvider.GetUtcNow();
        var duration = options.Value.SecurityStampCacheDuration;
        if (duration > TimeSpan.Zero && !_ended.TryGetValue(sessionId, out _))
        {
            _read.Set(sessionId, going, duration);
        }

        return going;
    }

    /// <summary>
    /// Ends the session <paramref name="sessionId"/> of <paramref name="userId"/> (signing out): its refresh tokens are
    /// revoked and its access tokens refused at once, on every replica. False when it was not the account's, or had ended.
    /// </summary>
    public async Task<bool> EndAsync(MarketplaceDbContext db, Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var ended = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = timeProvider.GetUtcNow();
            var rows = await db.Sessions
                .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), ct);
            await db.RefreshTokens
                .Where(t => t.FamilyId == sessionId && t.UserId == userId && t.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), ct);
            await transaction.CommitAsync(ct);
            return rows > 0;
        }, cancellationToken);
        if (ended)
        {
            Ended(sessionId);
            messages.Publish(ReplicaMessages.SessionsChannel, sessionId.ToString("D"));
        }

        return ended;
    }

    /// <summary>
    /// Ends every session of a tracked <paramref name="user"/>: every session and refresh token is revoked now, and the
    /// security stamp raised, which refuses every access token issued so far (on every replica) once the caller saves.
    /// What could still hand the account to someone else goes with them: links to confirm a new address and reset links
    /// not yet used, and such mails not sent yet. The links that put back a changed address stay (they are the owner's
    /// way back from whoever changed it).
    /// </summary>
    public async Task EndEverySessionAsync(MarketplaceDbContext db, User user, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var address = AddressPattern(user.Email);
        // The mails first: this waits for one a sender is sending right now, whose link is stored by then and goes below.
        await db.OutboxMails
            .Where(m => m.State == OutboxMailState.Pending
                && ((m.UserId == user.Id && m.Kind == OutboxMailKind.EmailChange)
                    || (m.Kind == OutboxMailKind.PasswordReset && EF.Functions.ILike(m.ToAddress, address))))
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.State, OutboxMailState.Dropped)
                .SetProperty(m => m.CompletedAt, now)
                .SetProperty(m => m.Detail, "Dropped: every session of the account ended before it was sent."), cancellationToken);
        await db.VerificationTokens
            .Where(t => t.UserId == user.Id && t.UsedAt == null && t.Email != null && !EF.Functions.ILike(t.Email, address))
            .ExecuteDeleteAsync(cancellationToken);
        await db.PasswordResetTokens
            .Where(t => t.UserId == user.Id && t.UsedAt == null)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Sessions
            .Where(s => s.UserId == user.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
        await db.RefreshTokens
            .Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        stamps.Invalidate(user);
    }

    /// <summary>A LIKE pattern that matches <paramref name="email"/> and nothing else (ILIKE: in any case, as addresses compare).</summary>
    public static string AddressPattern(string email) =>
        email.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>Another replica's <see cref="EndAsync"/>: the session's id.</summary>
    public void OnPublished(string message) => Ended(Guid.Parse(message, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Drops what was read: after an outage of Redis this replica may have missed ends.</summary>
    public void ForgetAll() => _read.Clear();

    private void Ended(Guid sessionId)
    {
        _ended.Set(sessionId, true, jwt.Value.Lifetime + TimeSpan.FromMinutes(1));
        _read.Remove(sessionId);
    }

    public void Dispose()
    {
        _read.Dispose();
        _ended.Dispose();
    }
}
