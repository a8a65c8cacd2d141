using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// Sessions: an access token and a rotating refresh token. A refresh token is single use; exchanging it marks it used
/// and issues the next one of its family; presenting a used one again revokes the whole family (it was stolen, or
/// the thief already used it).
/// </summary>
public sealed class RefreshTokens(AccessTokens accessTokens, SecurityStamps stamps, IOptions<AccountsOptions> options, TimeProvider timeProvider)
{
    /// <summary>
    /// An access token and a refresh token for <paramref name="user"/>: a new family after a login, the next one of
    /// <paramref name="familyId"/> after a refresh. The refresh token is added to <paramref name="db"/>; the caller saves.
    /// </summary>
    public AccessTokenResponse Issue(MarketplaceDbContext db, User user, Guid? familyId = null)
    {
        var access = accessTokens.Issue(user);
        var (token, hash) = MailedTokens.Create();
        var now = timeProvider.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + options.Value.RefreshTokenLifetime).ToUnixTimeSeconds());
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            TokenHash = hash,
            FamilyId = familyId ?? Guid.CreateVersion7(now),
            ExpiresAt = expiresAt,
            CreatedAt = now,
        });
        return access with { RefreshToken = token, RefreshTokenExpiresAt = expiresAt };
    }

    /// <summary>
    /// The next pair for an unused, unexpired, unrevoked <paramref name="refreshToken"/> of an account that may sign in,
    /// or null. Marking it used is one conditional UPDATE, so of two exchanges of one token at most one wins.
    /// </summary>
    public async Task<AccessTokenResponse?> ExchangeAsync(MarketplaceDbContext db, string refreshToken, CancellationToken cancellationToken)
    {
        if (MailedTokens.HashOf(refreshToken) is not { } hash)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var claimed = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            // Used before: whoever holds its successors may be a thief, so the family ends here.
            var reusedFamily = await db.RefreshTokens
                .Where(t => t.TokenHash == hash && t.UsedAt != null)
                .Select(t => (Guid?)t.FamilyId)
                .SingleOrDefaultAsync(cancellationToken);
            if (reusedFamily is { } familyId)
            {
                await db.RefreshTokens
                    .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
            }

            return null;
        }

        var used = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new { t.UserId, t.FamilyId })
            .SingleAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == used.UserId, cancellationToken);
        if (user is null || user.SuspendedAt is not null)
        {
            return null;
        }

        var pair = Issue(db, user, used.FamilyId);
        await db.SaveChangesAsync(cancellationToken);
        return pair;
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
}
