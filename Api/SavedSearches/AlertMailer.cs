using Marketplace.Api.Categories;
using Marketplace.Api.Mail;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// Queues the alert mails that are due: for each saved search with matches no alert has dealt with, in one transaction,
/// one mail (the outbox row) listing them, and every one of those matches marked with that mail. A restart between two
/// searches leaves the next one as it was; a restart never mails a match twice, since mail and mark commit together.
/// Alerts off, or an account that cannot receive them (address not verified, suspended), pass the matches over unmailed.
/// </summary>
public sealed partial class AlertMailer(
    IServiceScopeFactory scopes, MailOutbox outbox, AlertMails mails, CategoryCatalog catalog, IOptions<SavedSearchOptions> options,
    TimeProvider timeProvider, ILogger<AlertMailer> logger)
{
    /// <summary>The most listings one mail names; the rest are counted, and the saved search's page shows them all.</summary>
    public const int MaxListingsPerMail = 20;

    /// <summary>How long a queued alert is worth sending; after that the outbox drops it rather than send news that is old.</summary>
    public static readonly TimeSpan WorthSendingFor = TimeSpan.FromDays(2);

    /// <summary>Queues what is due; answers the number of mails queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        List<long> searches;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            // The pending matches' own partial index: empty once every match is dealt with.
            searches = await db.SavedSearchMatches.AsNoTracking().Where(m => m.AlertedAt == null).Select(m => m.SavedSearchId).Distinct().ToListAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var search in searches)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await QueueAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), search, cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }

    private Task<bool> QueueAsync(MarketplaceDbContext db, long searchId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = timeProvider.GetUtcNow();
            // Locked until this transaction ends: its owner's change of alerts or deletion waits, or comes first.
            var search = await db.SavedSearches.FromSql($"""SELECT * FROM "SavedSearch" WHERE "Id" = {searchId} FOR UPDATE""")
                .Include(s => s.User)
                .SingleOrDefaultAsync(ct);
            if (search is null)
            {
                return false;
            }

            var receives = search.Alerts != AlertFrequency.Off && search.User!.EmailVerifiedAt is not null && search.User.SuspendedAt is null;
            if (receives && search.Alerts == AlertFrequency.Daily && search.LastAlertedAt is { } last && now - last < options.Value.DigestInterval)
            {
                return false; // Not yet: the digest's matches wait for it.
            }

            var pending = db.SavedSearchMatches.Where(m => m.SavedSearchId == searchId && m.AlertedAt == null);
            var listings = receives
                ? await pending
                    .Where(m => m.Listing!.Status == ListingStatus.Active && m.Listing.RemovedAt == null)
                    .OrderBy(m => m.MatchedAt).ThenBy(m => m.ListingId)
                    .Select(m => new AlertListing(m.ListingId, m.Listing!.Title, m.Listing.Price, m.Listing.Condition))
                    .ToListAsync(ct)
                : [];
            Guid? mailId = null;
            if (listings.Count > 0)
            {
                var tree = await catalog.GetAsync(ct);
                var mail = mails.NewMatches(search.User!.Email, search.User.DisplayName, search, tree, listings.Take(MaxListingsPerMail).ToList(), listings.Count);
                mailId = outbox.AddMessage(db, mail, now + WorthSendingFor, search.Id).Id;
                search.LastAlertedAt = now;
                await db.SaveChangesAsync(ct);
            }

            // Mailed, or passed over (alerts off, nothing still for sale): either way dealt with, in the mail's transaction.
            await pending.ExecuteUpdateAsync(set => set.SetProperty(m => m.AlertedAt, now).SetProperty(m => m.OutboxMailId, mailId), ct);
            await transaction.CommitAsync(ct);
            if (mailId is { } queued)
            {
                LogQueued(logger, searchId, listings.Count, queued);
            }

            return mailId is not null;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert for saved search {SavedSearchId} queued as mail {MailId}, naming {Listings} new listings.")]
    private static partial void LogQueued(ILogger logger, long savedSearchId, int listings, Guid mailId);
}
