using Marketplace.Api.Admin;
using Marketplace.Api.Categories;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// Everything the marketplace holds about an account, for its owner (<see cref="AccountExport"/>): the account, its
/// listings with their photos' URLs, the reports it filed, and a section for every other table that refers to it.
/// A table added with a foreign key to the account needs a section here and a rule in <see cref="AccountDeletion"/>;
/// AccountDataTests lists the model's foreign keys and fails until both exist.
/// </summary>
public sealed class AccountExporter(MarketplaceDbContext db, CategoryCatalog catalog, IOptions<MarketplaceOptions> marketplace, TimeProvider timeProvider)
{
    /// <summary>The account's data, or null when there is no such account (or it was deleted).</summary>
    public async Task<AccountExport?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var tree = await catalog.GetAsync(cancellationToken);
        var photos = (await db.ListingImages.AsNoTracking()
                .Where(i => i.Listing!.SellerId == userId)
                .OrderBy(i => i.ListingId).ThenBy(i => i.Position).ThenBy(i => i.Id)
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.ListingId)
            .ToDictionary(g => g.Key, g => g.Select(ImagePaths.ToResponse).ToList());
        var listings = (await db.Listings.AsNoTracking()
                .Where(l => l.SellerId == userId)
                .OrderBy(l => l.Id)
                .Select(ListingAnswers.AsResponse)
                .ToListAsync(cancellationToken))
            .Select(l => l with { Currency = marketplace.Value.Currency, CategorySlug = tree.SlugOf(l.CategoryId), Images = photos.GetValueOrDefault(l.Id) ?? [] })
            .ToList();

        var auditRows = await db.AdminAuditLogs.AsNoTracking().Where(e => e.AdminId == userId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var adminActions = auditRows
            .Select(e => new AuditLogEntry(e.Id, e.AdminId, e.Action.ToContract(), e.TargetType.ToContract(), e.TargetId, e.Details?.RootElement.Clone(), e.CreatedAt))
            .ToList();
        foreach (var row in auditRows)
        {
            row.Details?.Dispose();
        }

        var activityRows = await db.AccountActivities.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var activity = activityRows
            .Select(a => new ExportedActivity(MarketplaceEnums.LabelOf(a.Kind), a.CreatedAt, a.Details?.RootElement.Clone()))
            .ToList();
        foreach (var row in activityRows)
        {
            row.Details?.Dispose();
        }

        var mails = (await db.OutboxMails.AsNoTracking()
                .Where(m => m.UserId == userId)
                .OrderBy(m => m.CreatedAt)
                .Select(m => new { m.Kind, m.ToAddress, m.Subject, m.State, m.CreatedAt, m.CompletedAt })
                .ToListAsync(cancellationToken))
            .Select(m => new ExportedMail(MarketplaceEnums.LabelOf(m.Kind), m.ToAddress, m.Subject, MarketplaceEnums.LabelOf(m.State), m.CreatedAt, m.CompletedAt))
            .ToList();

        var written = (await db.ConversationMessages.AsNoTracking()
                .Where(m => m.SenderId == userId)
                .OrderBy(m => m.Id)
                .Select(m => new { m.ConversationId, m.CreatedAt, m.Body })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.ConversationId, m => new ExportedMessage(m.CreatedAt, m.Body));
        var conversations = (await db.Conversations.AsNoTracking()
                .Where(c => c.BuyerId == userId || c.SellerId == userId)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.ListingId, IsBuyer = c.BuyerId == userId, c.CreatedAt, c.LastMessageAt })
                .ToListAsync(cancellationToken))
            .Select(c => new ExportedConversation(c.Id, c.ListingId, c.IsBuyer ? "buyer" : "seller", c.CreatedAt, c.LastMessageAt, [.. written[c.Id]]))
            .ToList();
        var savedSearches = (await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(s => new ExportedSavedSearch(s.Id, s.Query, s.CategoryId, s.MinPrice, s.MaxPrice,
                s.Condition is { } condition ? MarketplaceEnums.LabelOf(condition) : null, MarketplaceEnums.LabelOf(s.Alerts), s.CreatedAt))
            .ToList();

        return new AccountExport(
            timeProvider.GetUtcNow(),
            new ExportedAccount(user.Id, user.Email, user.DisplayName, user.Role.ToContract(), user.EmailVerifiedAt, user.CreatedAt, user.SuspendedAt, user.SuspensionReason),
            listings,
            await db.ListingReports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.Id).Select(AdminReportsApi.AsResponse).ToListAsync(cancellationToken),
            await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
                .Select(s => new ExportedSession(s.CreatedAt, s.ExpiresAt, s.RevokedAt)).ToListAsync(cancellationToken),
            await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
                .Select(t => new ExportedToken(null, t.CreatedAt, t.ExpiresAt, t.UsedAt, t.RevokedAt)).ToListAsync(cancellationToken),
            await db.VerificationTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
                .Select(t => new ExportedToken(t.Email, t.CreatedAt, t.ExpiresAt, t.UsedAt, null)).ToListAsync(cancellationToken),
            await db.PasswordResetTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
                .Select(t => new ExportedToken(null, t.CreatedAt, t.ExpiresAt, t.UsedAt, null)).ToListAsync(cancellationToken),
            await db.EmailChangeRevertTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
                .Select(t => new ExportedToken(t.Email, t.CreatedAt, t.ExpiresAt, t.UsedAt, null)).ToListAsync(cancellationToken),
            mails,
            activity,
            conversations,
            await db.ConversationReports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.Id)
                .Select(r => new ExportedConversationReport(r.ConversationId, r.Reason, r.CreatedAt, r.ResolvedAt)).ToListAsync(cancellationToken),
            await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == userId).OrderBy(b => b.CreatedAt)
                .Select(b => new ExportedBlock(b.BlockedId, b.CreatedAt)).ToListAsync(cancellationToken),
            await db.Favourites.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.CreatedAt)
                .Select(f => new ExportedFavourite(f.ListingId, f.CreatedAt)).ToListAsync(cancellationToken),
            savedSearches,
            await db.Listings.AsNoTracking().Where(l => l.RemovedById == userId).OrderBy(l => l.Id)
                .Select(l => new ExportedRemoval(l.Id, l.RemovedAt, l.RemovalReason)).ToListAsync(cancellationToken),
            await db.ListingReports.AsNoTracking().Where(r => r.ResolvedById == userId).OrderBy(r => r.Id).Select(AdminReportsApi.AsResponse).ToListAsync(cancellationToken),
            adminActions,
            await db.ConversationReportViews.AsNoTracking().Where(v => v.AdminId == userId).OrderBy(v => v.Id)
                .Select(v => new ExportedReportView(v.ReportId, v.ViewedAt)).ToListAsync(cancellationToken));
    }
}
