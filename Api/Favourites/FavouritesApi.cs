using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Favourites;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Favourites;

/// <summary>
/// <c>/api/me/favourites</c>: the listings the caller keeps for later. Saving one needs a listing the caller can see and
/// that is not their own; the list shows each as it is now (sold, archived, removed), and removing works whatever became of it.
/// </summary>
public static class FavouritesApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The most listings one heart lookup asks about: a page of cards.</summary>
    public const int MaxLookup = 100;

    public static IHostApplicationBuilder AddFavourites(this IHostApplicationBuilder builder)
    {
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.Favourites);
        return builder;
    }

    public static IEndpointRouteBuilder MapFavouritesApi(this IEndpointRouteBuilder app)
    {
        var favourites = app.MapGroup("/api/me")
            .WithTags("Favourites")
            .RequireAuthorization()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        favourites.MapGet("/favourites", ListAsync)
            .WithName("GetFavourites")
            .WithSummary("List my saved listings")
            .WithDescription(
                "The listings the caller saved, latest saved first, each as it is now: status (Sold, Archived) and removed say what became of it. " +
                "Pass nextCursor back as cursor for the next page.");

        favourites.MapGet("/favourite-ids", AmongAsync)
            .WithName("GetFavouriteIds")
            .WithSummary("Which of these listings did I save?")
            .WithDescription("Of the listings named by listingId (repeat it, at most 100), those the caller saved: what a page of cards needs for its hearts.");

        var writes = favourites.MapGroup("")
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        writes.MapPut("/favourites/{listingId:long}", SaveAsync)
            .WithName("SaveFavourite")
            .WithSummary("Save a listing")
            .WithDescription("Keeps the listing in the caller's saved listings; saving it twice is harmless. A listing the caller cannot see is a 404, one's own a 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapDelete("/favourites/{listingId:long}", RemoveAsync)
            .WithName("RemoveFavourite")
            .WithSummary("Stop saving a listing")
            .WithDescription(
                "Takes the listing out of the caller's saved listings, whatever became of it; removing one not saved is harmless. " +
                "A listingId that is not a number names no listing: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<FavouritePage>, ValidationProblem>> ListAsync(
        [Description("The nextCursor of the page seen last.")][StringLength(200)] string? cursor,
        [Description("Listings per page, 1 to 100; 20 by default.")][Range(1, MaxPageSize)] int? limit,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        [FromKeyedServices(NewestFirstCursors.Favourites)] NewestFirstCursors cursors,
        IOptions<MarketplaceOptions> marketplace,
        CancellationToken cancellationToken)
    {
        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            return ApiErrors.Field("cursor", "The cursor is not one this list issued; start again without a cursor.");
        }

        var me = AccessTokens.UserIdOf(caller);
        var query = db.Favourites.AsNoTracking().Where(f => f.UserId == me);
        if (after is not null)
        {
            query = query.Where(f => EF.Functions.LessThan(ValueTuple.Create(f.CreatedAt, f.ListingId), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var currency = marketplace.Value.Currency;
        var rows = await query
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.ListingId)
            .Take(pageSize + 1)
            .Select(f => new FavouriteResponse(
                f.ListingId,
                f.Listing!.Title,
                f.Listing.Price,
                currency,
                f.Listing.Status.ToContract(),
                f.Listing.RemovedAt != null,
                f.Listing.Condition == null ? null : f.Listing.Condition.Value.ToContract(),
                // Its first photo while buyers can see it, as a listing's answer has it (ListingAnswers.AsResponse).
                f.Listing.RemovedAt == null && (f.Listing.Status == Data.Entities.ListingStatus.Active || f.Listing.Status == Data.Entities.ListingStatus.Sold)
                    ? f.Listing.Images.OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => i.ExternalUrl ?? ImagePaths.Prefix + i.ThumbnailBlobName).FirstOrDefault()
                    : null,
                f.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new FavouritePage(rows.Take(pageSize).ToList(), cursors.After(rows, pageSize, r => new NewestFirstPosition(r.SavedAt, r.ListingId))));
    }

    public static async Task<Results<Ok<FavouriteIdsResponse>, ValidationProblem>> AmongAsync(
        [Description("A listing to ask about; repeat it, at most 100.")] long[]? listingId,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var ids = (listingId ?? []).Distinct().ToArray();
        if (ids.Length > MaxLookup)
        {
            return ApiErrors.Field("listingId", $"Ask about at most {MaxLookup} listings at once.");
        }

        var me = AccessTokens.UserIdOf(caller);
        var saved = ids.Length == 0 ? [] : await db.Favourites.AsNoTracking()
            .Where(f => f.UserId == me && ids.Contains(f.ListingId))
            .Select(f => f.ListingId)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new FavouriteIdsResponse(saved.Order().ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SaveAsync(
        long listingId, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        var listing = await ListingAccess.FindAsync(db, listingId, cancellationToken);
        if (ListingAccess.Refuse(listing, caller, ListingAction.Favourite, listingId) is { } refused)
        {
            return refused;
        }

        // One statement, so saving twice at once keeps one row (and the first moment it was saved).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Favourite" ("UserId", "ListingId") VALUES ({me}, {listingId}) ON CONFLICT DO NOTHING
            """, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveAsync(long listingId, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        await db.Favourites.Where(f => f.UserId == me && f.ListingId == listingId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
