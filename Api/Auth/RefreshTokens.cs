using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// Sessions: an access token and a rotating refresh token. A refresh token is single use; exchanging it marks it used
/// and issues the next one of its family; presenting a used one again revokes the whole family (it was stolen, or
/// the thief already used it), except within <see cref="ReuseGrace"/> of its exchange, when it gets the same next one
/// (two tabs, or two replicas of the Web, refreshing one session at once). The next token is derived from the one
/// presented (HMAC under a key from <c>Jwt:SigningKey</c>), so the database still holds only hashes.
/// </summary>
public sealed class RefreshTokens(
    AccessTokens accessTokens, SecurityStamps stamps, IOptions<AccountsOptions> options, IOptions<JwtOptions> jwt, TimeProvider timeProvider)
{
    /// <summary>How long after its exchange a refresh token presented again gets the same successor instead of ending the session.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    // Its own key, derived from the signing key: a successor says nothing an access token's signature would.
    private readonly byte[] _successorKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), "marketplace refresh-token successor"u8);

    /// <summary>
    /// An access token and a refresh token for <paramref name="user"/>: a new family after a login, the next one of
    /// <paramref name="familyId"/> after a refresh. The refresh token is added to <paramref name="db"/>; the caller saves.
    /// </summary>
    public AccessTokenResponse Issue(MarketplaceDbContext db, User user, Guid? familyId = null) => Issue(db, user, familyId, MailedTokens.Create());

    /// <summary>
    /// The next pair for an unused, unexpired, unrevoked <paramref name="refreshToken"/> of an account that may sign in,
    /// or null. Marking it used and storing its successor is one transaction, and marking is a conditional UPDATE: of
    /// two exchanges of one token one wins, and the other waits for it and then gets the same successor.
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
                var answer = presented is { UsedAt: { } usedAt, RevokedAt: null } && now - usedAt < ReuseGrace
                    ? await AgainAsync(db, presented.UserId, presented.FamilyId, successor, now, ct)
                    : null;
                if (answer is null && presented.UsedAt is not null)
                {
                    // Used before: whoever holds its successors may be a thief, so the family ends here.
                    await db.RefreshTokens
                        .Where(t => t.FamilyId == presented.FamilyId && t.RevokedAt == null)
                        .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), ct);
                }

                await transaction.CommitAsync(ct);
                return answer;
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == presented.UserId, ct);
            if (user is null || user.SuspendedAt is not null)
            {
                await transaction.CommitAsync(ct);
                return null;
            }

            var pair = Issue(db, user, presented.FamilyId, successor);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return pair;
        }, cancellationToken);
    }

    /// <summary>
    /// Ends every session of a tracked <paramref name="user"/> (sign out everywhere, a new password): revokes every
    /// refresh token now and raises the security stamp, which refuses every access token issued so far once the caller
    /// saves.
    /// </summary>
    public async Task EndEverySessionAsync(MarketplaceDbContext db, User user, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await db.RefreshTokens
            .Where(t => t.UserId == user.Id && t.RevokedAt == null && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        stamps.Invalidate(user);
    }

    /// <summary>
    /// The pair a token exchanged moments ago gets when presented again: a new access token and the same successor, as
    /// long as that successor is still valid and the account may sign in; null otherwise (then the family ends).
    /// </summary>
    private async Task<AccessTokenResponse?> AgainAsync(
        MarketplaceDbContext db, Guid userId, Guid familyId, (string Token, byte[] Hash) successor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var successorExpiresAt = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == successor.Hash && t.FamilyId == familyId && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => (DateTimeOffset?)t.ExpiresAt)
            .SingleOrDefaultAsync(cancellationToken);
        var user = successorExpiresAt is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null || user.SuspendedAt is not null
            ? null
            : accessTokens.Issue(user) with { RefreshToken = successor.Token, RefreshTokenExpiresAt = successorExpiresAt!.Value };
    }

    private AccessTokenResponse Issue(MarketplaceDbContext db, User user, Guid? familyId, (string Token, byte[] Hash) refresh)
    {
        var access = accessTokens.Issue(user);
        var now = timeProvider.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + options.Value.RefreshTokenLifetime).ToUnixTimeSeconds());
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            TokenHash = refresh.Hash,
            FamilyId = familyId ?? Guid.CreateVersion7(now),
            ExpiresAt = expiresAt,
            CreatedAt = now,
        });
        return access with { RefreshToken = refresh.Token, RefreshTokenExpiresAt = expiresAt };
    }
}
