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
/// Verification links: issuing one (on registration, on resend, and for a new address after a change of email) and
/// following one. A link verifies the address it was mailed to; when that is not the account's current address, the
/// account switches to it.
/// </summary>
public sealed partial class EmailVerification(
    MarketplaceDbContext db,
    IEmailSender sender,
    AccountMails mails,
    IOptions<AccountsOptions> accounts,
    TimeProvider timeProvider,
    ILogger<EmailVerification> logger)
{
    /// <summary>
    /// Stores a new token for <paramref name="email"/> (the account's own address, or the new one after a change of
    /// email), drops the account's unused older ones so only the newest link works, and mails the link. Returns whether
    /// the SMTP server took the mail; a failure is logged, not thrown, so the caller decides what it means.
    /// </summary>
    public async Task<bool> SendAsync(User user, string email, CancellationToken cancellationToken)
    {
        var lifetime = accounts.Value.VerificationTokenLifetime;
        var now = timeProvider.GetUtcNow();
        var (token, hash) = MailedTokens.Create();
        await db.VerificationTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
        db.VerificationTokens.Add(new VerificationToken
        {
            UserId = user.Id,
            TokenHash = hash,
            Email = email,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        var message = User.NormalizeEmail(email) == user.NormalizedEmail
            ? mails.Verification(email, user.DisplayName, token, lifetime)
            : mails.EmailChange(email, user.DisplayName, token, lifetime);
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return true;
        }
#pragma warning disable CA1031 // Whatever the SMTP server or the network did, the token is stored and a resend can follow.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNotSent(logger, ex, user.Id);
            return false;
        }
    }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "The verification mail for user {UserId} could not be sent; the account can ask for another.")]
    private static partial void LogNotSent(ILogger logger, Exception exception, Guid userId);
}
