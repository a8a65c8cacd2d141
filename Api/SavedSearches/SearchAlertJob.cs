using System.Diagnostics;
using Marketplace.Api.Jobs;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// The saved-search alerts, a periodic job on one replica at a time (<see cref="Marketplace.Data.AdvisoryLockKeys.SearchAlerts"/>):
/// match the listings published since the last run against every saved search, then queue the alert mails due. Both
/// steps keep their progress in the database, so a run cut short is finished by the next, on any replica.
/// </summary>
public sealed partial class SearchAlertJob(SavedSearchMatcher matcher, AlertMailer mailer, ILogger<SearchAlertJob> logger) : IPeriodicJob
{
    public const string JobName = "search-alerts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (listings, matches) = await matcher.MatchPendingAsync(cancellationToken);
        var mails = await mailer.QueueDueAsync(cancellationToken);
        Activity.Current?.SetTag("marketplace.alerts.listings_matched", listings);
        Activity.Current?.SetTag("marketplace.alerts.matches", matches);
        Activity.Current?.SetTag("marketplace.alerts.mails_queued", mails);
        if (listings > 0 || mails > 0)
        {
            LogRan(logger, listings, matches, mails);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search alerts matched {Listings} new listings ({Matches} matches) and queued {Mails} mails.")]
    private static partial void LogRan(ILogger logger, int listings, int matches, int mails);
}
