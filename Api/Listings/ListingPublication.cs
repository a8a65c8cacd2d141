using Marketplace.Data.Entities;

namespace Marketplace.Api.Listings;

/// <summary>
/// The one place a listing's status changes: a listing that becomes active (created so, published, relisted) waits to
/// be matched against the saved searches (<see cref="Listing.MatchPendingSince"/>), which the alert job then does.
/// </summary>
public static class ListingPublication
{
    public static void MoveTo(Listing listing, ListingStatus status, TimeProvider timeProvider)
    {
        var becomesActive = status == ListingStatus.Active && listing.Status != ListingStatus.Active;
        listing.Status = status;
        if (becomesActive)
        {
            listing.MatchPendingSince = timeProvider.GetUtcNow();
        }
    }
}
