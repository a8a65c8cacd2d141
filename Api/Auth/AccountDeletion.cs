using System.Text.Json.Nodes;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Auth;

/// <summary>What deleting an account came to.</summary>
public enum AccountDeletionOutcome
{
    Deleted,

    /// <summary>The account is the last active admin: another must be made first.</summary>
    LastAdmin,
}

/// <summary>
/// Deleting an account at its owner's request, in one transaction: its listings archived and their photos deleted
/// (the orphan sweep removes the files), every session ended at once on every replica, its tokens and mails deleted
/// (mails not sent yet stop), its favourites, saved searches and blocks (both ways) deleted, its address taken out of
/// the admins' log, and the account row anonymised (listings, reports, conversations and the admins' log still name
/// its id: the other side of a conversation keeps what was said, from "Deleted account"). Recorded in its activity. A table added with a foreign key to the
/// account needs its rule here and a section in <see cref="AccountExporter"/> (AccountDataTests checks both).
/// </summary>
public sealed class AccountDeletion(Sessions sessions, TimeProvider timeProvider)
{
    /// <summary>What an anonymised account is called, wherever its id still shows (an admin's view, a conversation).</summary>
    public const string DisplayName = "Deleted account";

    public Task<AccountDeletionOutcome> DeleteAsync(MarketplaceDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Every admin row is locked first, in one order (as a change of role does), so two last admins cannot both leave.
            var admins = await db.Users.FromSql($"""SELECT * FROM "User" WHERE "Role" = 'admin' ORDER BY "Id" FOR UPDATE""").ToListAsync(ct);
            var user = admins.SingleOrDefault(u => u.Id == userId)
                ?? await db.Users.FromSql($"""SELECT * FROM "User" WHERE "Id" = {userId} FOR UPDATE""").SingleAsync(ct);
            if (user.Role == UserRole.Admin && !admins.Any(a => a.Id != userId && a.SuspendedAt is null && a.DeletedAt is null))
            {
                return AccountDeletionOutcome.LastAdmin;
            }

            var now = timeProvider.GetUtcNow();
            var address = Sessions.AddressPattern(user.Email);
            var listingsArchived = await db.Listings
                .Where(l => l.SellerId == userId && l.Status != ListingStatus.Archived)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Status, ListingStatus.Archived).SetProperty(l => l.UpdatedAt, now), ct);
            var photosDeleted = await db.ListingImages.Where(i => i.Listing!.SellerId == userId).ExecuteDeleteAsync(ct);

            // Ended first (the stamp raised and published, so every access token is refused at once), then gone.
            await sessions.EndEverySessionAsync(db, user, ct);
            await db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
            await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.VerificationTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.PasswordResetTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.EmailChangeRevertTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);

            // What only served the account itself.
            await db.Favourites.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
            await db.SavedSearches.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserBlocks.Where(b => b.BlockerId == userId || b.BlockedId == userId).ExecuteDeleteAsync(ct);

            // Every mail about the account, to it, or answering to it: those not sent yet stop, the others held its address.
            var mailsDeleted = await db.OutboxMails
                .Where(m => m.UserId == userId || EF.Functions.ILike(m.ToAddress, address) || (m.ReplyTo != null && EF.Functions.ILike(m.ReplyTo, address)))
                .ExecuteDeleteAsync(ct);

            // The admins' log keeps the account's id (its target ids and admin ids), never its address.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "AdminAuditLog" SET "Details" = regexp_replace("Details"::text, {Pattern(user.Email)}, {DisplayName.ToLowerInvariant()}, 'gi')::jsonb
                WHERE "Details"::text ~* {Pattern(user.Email)}
                """, ct);

            user.Email = $"deleted-{userId:N}@deleted.invalid";
            user.NormalizedEmail = User.NormalizeEmail(user.Email);
            user.DisplayName = DisplayName;
            // No hash verifies against an empty one: nothing signs in as this account again.
            user.PasswordHash = "";
            user.EmailVerifiedAt = null;
            user.DeletedAt = now;
            AccountActivityLog.Add(db, userId, AccountActivityKind.AccountDeleted, new JsonObject
            {
                ["listingsArchived"] = listingsArchived,
                ["photosDeleted"] = photosDeleted,
                ["mailsDeleted"] = mailsDeleted,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return AccountDeletionOutcome.Deleted;
        }, cancellationToken);

    /// <summary>A PostgreSQL regular expression matching <paramref name="email"/> literally: every character but letters and digits escaped.</summary>
    private static string Pattern(string email) =>
        string.Concat(email.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\" + c));
}
