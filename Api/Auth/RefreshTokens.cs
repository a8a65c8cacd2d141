using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// A session's tokens: an access token and a rotating refresh token. A refresh token is single use; exchanging it marks
/// it used and issues the next one of its session (its family); within <see cref="ReuseGrace"/> of its exchange it gets
/// the same next one again (two tabs, or two replicas of the Web, refreshing one session at once). Presented later,
/// while its session is still going, it was stolen (or the thief already used it): every session of the account ends,
/// and with the security stamp every access token. No refresh carries a session past its maximum age
/// (<see cref="Session.ExpiresAt"/>). The next token is derived from the one presented (HMAC under a key from
/// <c>Jwt:SigningKey</c>), so the database still holds only hashes.
/// </summary>
public sealed class RefreshTokens(
    AccessTokens accessTokens, Sessions sessions, IOptions<AccountsOptions> options, IOptions<JwtOptions> jwt, TimeProvider timeProvider)
{
    /// <summary>How long after its exchange a refresh token presented again gets the same successor instead of ending the session.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    // Its own key, derived from the signing key: a successor says nothing an access token's signature would.
    private readonly byte[] _successorKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), "marketplace refresh-token successor"u8);

    /// <summary>A new session for <paramref name="user"/> and its first pair; the session and the refresh token are added to <paramref name="db"/>, the caller saves.</summary>
    public AccessTokenResponse SignIn(MarketplaceDbContext db, User user) => Issue(db, user, sessions.Start(db, user), MailedTokens.Create());

    /// <summary>
    /// The next pair for an unused, unexpired, unrevoked <paramref name="refreshToken"/> of a session still going and an
    /// account that may sign in, or null. Marking it used and storing its successor is one transaction, and marking is a
    /// conditional UPDATE: of two exchanges of one token one wins, and the other waits for it and then gets the same successor.
    /// </summary>
    public async Task<AccessTokenResponse?> ExchangeAsync(MarketplaceDbContext db, string refreshToken, CancellationToken cancellationToken)
    {
        if (MailedTokens.BytesOf(refreshToken) is not { } bytes)
        {
            return null;
        }

        var hash = SHA256.HashData(bytes);
        var successor = MailedTokens.FromBytes(HMACSHA256.HashData(_successorKey, bytes));
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = timeProvider.GetUtcNow();
            var claimed = await db.RefreshTokens
                .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), ct);
            var presented = await db.RefreshTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash)
                .Select(t => new { t.UserId, t.FamilyId, t.UsedAt, t.RevokedAt })
                .SingleOrDefaultAsync(ct);
            if (presented is null)
            {
                return null;
            }

            if (claimed == 0)
            {
                AccessTokenResponse? again = null;
                if (presented is { UsedAt: { } usedAt, RevokedAt: null })
                {
                    if (now - usedAt < ReuseGrace)
                    {
                        again = await AgainAsync(db, presented.UserId, presented.FamilyId, successor, now, ct);
                    }
                    else
                    {
                        // Used before, and its session still going: whoever holds its successors may be a thief, so every
                        // session of the account ends here, access tokens included. A token of a session already ended
                        // changes nothing (no replay of an old token signs its owner out again and again).
                        var user = await db.Users.SingleAsync(u => u.Id == presented.UserId, ct);
                        await sessions.EndEverySessionAsync(db, user, ct);
                        await db.SaveChangesAsync(ct);
                    }
                }

                await transaction.CommitAsync(ct);
                return again;
            }

            var account = await db.Users.SingleOrDefaultAsync(u => u.Id == presented.UserId, ct);
            var session = await sessions.OfFamilyAsync(db, presented.FamilyId, ct);
            if (account is null || !MaySignIn(account) || session is null || !Sessions.IsLive(session, now))
            {
                // The session is over (suspended, deleted, past its maximum age): none of its tokens works again, and
                // presenting this one again is no sign of theft.
                await db.RefreshTokens
                    .Where(t => t.FamilyId == presented.FamilyId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), ct);
                await transaction.CommitAsync(ct);
                return null;
            }

            var pair = Issue(db, account, session, successor);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return pair;
        }, cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> may have a session: not suspended, not deleted.</summary>
    public static bool MaySignIn(User user) => user.SuspendedAt is null && user.DeletedAt is null;

    /// <summary>
    /// The pair a token exchanged moments ago gets when presented again: a new access token and the same successor, as
    /// long as that successor and its session are still valid and the account may sign in; null otherwise.
    /// </summary>
    private async Task<AccessTokenResponse?> AgainAsync(
        MarketplaceDbContext db, Guid userId, Guid familyId, (string Token, byte[] Hash) successor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var successorExpiresAt = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == successor.Hash && t.FamilyId == familyId && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => (DateTimeOffset?)t.ExpiresAt)
            .SingleOrDefaultAsync(cancellationToken);
        if (successorExpiresAt is null
            || await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == familyId, cancellationToken) is not { } session
            || !Sessions.IsLive(session, now))
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null || !MaySignIn(user)
            ? null
            : accessTokens.Issue(user, session) with { RefreshToken = successor.Token, RefreshTokenExpiresAt = successorExpiresAt.Value };
    }

    private AccessTokenResponse Issue(MarketplaceDbContext db, User user, Session session, (string Token, byte[] Hash) refresh)
    {
        var access = accessTokens.Issue(user, session);
        var now = timeProvider.GetUtcNow();
        var until = now + options.Value.RefreshTokenLifetime;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((until < session.ExpiresAt ? until : session.ExpiresAt).ToUnixTimeSeconds());
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            TokenHash = refresh.Hash,
            FamilyId = session.Id,
            ExpiresAt = expiresAt,
            CreatedAt = now,
        });
        return access with { RefreshToken = refresh.Token, RefreshTokenExpiresAt = expiresAt };
    }
}
