using System.Linq.Expressions;
using System.Security.Claims;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Marketplace.Api.Listings;

/// <summary>
/// The one home for "may this caller see or act on this listing": every operation on a listing (its page, its photos,
/// its seller's changes, a buyer's message, a favourite, a report) reads the listing's <see cref="ListingFacts"/> through here and asks
/// <see cref="Check"/>. A new state (a suspended seller, say) is a column in <see cref="Facts"/> and a line in
/// <see cref="Check"/>; the search and counts, which find many listings in SQL their indexes serve, take the public
/// rule from <see cref="PublicIn"/>.
/// </summary>
public static class ListingAccess
{
    /// <summary>What <see cref="Check"/> reads, as a projection EF Core translates (one query, with whatever else the caller reads).</summary>
    public static readonly Expression<Func<Listing, ListingFacts>> Facts = l => new ListingFacts(l.Id, l.SellerId, l.Status, l.RemovedAt, l.SellerSuspendedAt);

    /// <summary>
    /// Whether anyone at all may see the listing: active or sold, not removed by an admin, and its seller not suspended
    /// (then it is answered as a removed one is: its seller and admins still see it). What else someone may see is
    /// <see cref="Check"/>'s to say.
    /// </summary>
    public static bool IsPublic(ListingFacts listing) =>
        listing.Status is ListingStatus.Active or ListingStatus.Sold && listing.RemovedAt is null && listing.SellerSuspendedAt is null;

    /// <summary>
    /// <see cref="IsPublic"/> in SQL, for one public status: the search asks for one status at a time, and the
    /// <c>IX_Listing_Listed_*</c> indexes hold exactly the rows this predicate keeps (the seller's suspension is a column
    /// of the listing, so no search joins the seller).
    /// </summary>
    public static Expression<Func<Listing, bool>> PublicIn(ListingStatus status) =>
        l => l.Status == status && l.RemovedAt == null && l.SellerSuspendedAt == null;

    /// <summary>
    /// Whether <paramref name="caller"/> may do <paramref name="action"/> with <paramref name="listing"/> (null when there
    /// is no such listing): null when they may, else why not. Whatever the caller may not see is <see cref="ListingRefusal.NotFound"/>,
    /// the answer a listing that does not exist gets.
    /// </summary>
    public static ListingRefusal? Check(ListingFacts? listing, ListingCaller caller, ListingAction action)
    {
        if (listing is null)
        {
            return ListingRefusal.NotFound;
        }

        var isSeller = caller.UserId == listing.SellerId;
        var isPublic = IsPublic(listing);
        return action switch
        {
            ListingAction.View => isPublic || isSeller || caller.IsAdmin ? null : ListingRefusal.NotFound,

            // Buyers' actions: the seller knows the listing exists, whatever its state; to anyone else only a public
            // listing does (an admin's wider view is for moderating, not for writing to sellers).
            // A sold listing takes no new conversation; one already open goes on (the buyer may be arranging the handover).
            ListingAction.Contact or ListingAction.ContinueContact or ListingAction.Favourite or ListingAction.Report when isSeller => ListingRefusal.OwnListing,
            ListingAction.Contact or ListingAction.ContinueContact or ListingAction.Favourite or ListingAction.Report when !isPublic => ListingRefusal.NotFound,
            ListingAction.Contact when listing.Status == ListingStatus.Sold => ListingRefusal.Sold,
            ListingAction.Contact or ListingAction.ContinueContact or ListingAction.Favourite or ListingAction.Report => null,

            // The rest are the seller's own: to anyone else, admins included, a listing that is not theirs does not exist.
            _ when !isSeller => ListingRefusal.NotFound,
            ListingAction.Edit or ListingAction.EditAsDraft or ListingAction.AddPhotos when listing.Status == ListingStatus.Archived => ListingRefusal.Archived,
            // A draft is what was never public: what buyers have seen is archived, never taken back (nor deleted) as a draft.
            ListingAction.EditAsDraft when listing.Status != ListingStatus.Draft => ListingRefusal.Published,
            // A listing an admin removed is the admins' to restore: its seller can neither relist nor delete it.
            ListingAction.Relist or ListingAction.DeleteDraft when listing.RemovedAt is not null => ListingRefusal.Removed,
            ListingAction.Relist when listing.Status is ListingStatus.Draft or ListingStatus.Sold => ListingRefusal.NotArchived,
            ListingAction.DeleteDraft when listing.Status != ListingStatus.Draft => ListingRefusal.Published,
            _ => null,
        };
    }

    /// <summary><see cref="Check"/>, answered as the problem the caller gets (null when they may).</summary>
    public static ProblemHttpResult? Refuse(ListingFacts? listing, ClaimsPrincipal caller, ListingAction action, long id) =>
        Check(listing, ListingCaller.Of(caller), action) is { } refusal ? ListingProblems.Of(refusal, action, id, listing) : null;

    /// <summary>The listing's facts, in one query.</summary>
    public static Task<ListingFacts?> FindAsync(MarketplaceDbContext db, long id, CancellationToken cancellationToken) =>
        db.Listings.AsNoTracking().Where(l => l.Id == id).Select(Facts).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The listing's facts, its row locked (<c>FOR UPDATE</c>) until the transaction ends: what is decided on them then
    /// stays true while the operation writes (concurrent uploads count each other's photos, a publish cannot slip in).
    /// </summary>
    public static Task<ListingFacts?> LockAsync(MarketplaceDbContext db, long id, CancellationToken cancellationToken) =>
        db.Listings.FromSql($"""SELECT * FROM "Listing" WHERE "Id" = {id} FOR UPDATE""").AsNoTracking().Select(Facts).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Each listing's <see cref="Facts"/> with what <paramref name="row"/> reads from it, in the same query. With a
    /// tracking query, an entity <paramref name="row"/> answers is tracked, ready to change.
    /// </summary>
    public static IQueryable<ListingRead<T>> WithFacts<T>(this IQueryable<Listing> listings, Expression<Func<Listing, T>> row)
    {
        var listing = Facts.Parameters[0];
        var read = Expression.New(
            typeof(ListingRead<T>).GetConstructor([typeof(ListingFacts), typeof(T)])!,
            Facts.Body,
            ReplacingExpressionVisitor.Replace(row.Parameters[0], listing, row.Body));
        return listings.Select(Expression.Lambda<Func<Listing, ListingRead<T>>>(read, listing));
    }
}
