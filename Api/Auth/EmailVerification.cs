using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>What following a verification link came to.</summary>
public enum VerificationOutcome
{
    Verified,

    /// <summary>Unknown, already used or expired: the caller is not told which.</summary>
    Invalid,

    /// <summary>The link switches the account to an address another account has taken meanwhile.</summary>
    EmailTaken,
}

/// <summary>
/// Following a verification link (the links are mailed through the outbox: <see cref="Mail.MailOutbox.AddVerification"/>).
/// A link verifies the address it was mailed to; when that is not the account's current address, the account switches to it
/// and the address it had gets a mail with a link that puts it back (<see cref="EmailChangeRevertApi"/>).
/// </summary>
public sealed class EmailVerification(MarketplaceDbContext db, MailOutbox outbox, IOptions<AccountsOptions> accounts, TimeProvider timeProvider)
{
    /// <summary>Follows a link once: marks the token used and the address verified (switching to it after a change), in one transaction.</summary>
    public async Task<(VerificationOutcome Outcome, User? User)> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (MailedTokens.HashOf(token) is not { } hash)
        {
            return (VerificationOutcome.Invalid, null);
        }

        var now = timeProvider.GetUtcNow();
        var found = await db.VerificationTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.UserId, t.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (VerificationOutcome.Invalid, null);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The row lock of this update makes a second request with the same token wait, then find it used.
            var claimed = await db.VerificationTokens
                .Where(t => t.Id == found.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return (VerificationOutcome.Invalid, (User?)null);
            }

            var user = await db.Users.SingleAsync(u => u.Id == found.UserId, cancellationToken);
            var email = found.Email ?? user.Email;
            if (User.NormalizeEmail(email) != user.NormalizedEmail)
            {
                // The address it had hears of the change, with a link back: whoever moved the account may not be its owner.
                if (accounts.Value.MailEmailChangeReverts)
                {
                    outbox.AddEmailChangeRevert(db, user, user.Email);
                }
                user.Email = email;
                user.NormalizedEmail = User.NormalizeEmail(email);
                user.EmailVerifiedAt = now;
            }
            else
            {
                user.EmailVerifiedAt ??= now;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Taken by another account since the link was mailed; the link stays unused.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (VerificationOutcome.EmailTaken, null);
            }

            await transaction.CommitAsync(cancellationToken);
            return (VerificationOutcome.Verified, user);
        });
    }
}
