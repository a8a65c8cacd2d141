using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ListingStatus = Marketplace.Data.Entities.ListingStatus;

namespace Marketplace.Api.Listings;

/// <summary>
/// The seller's moves that are neither an edit nor archiving: relisting an archived listing, and deleting a draft that was
/// never published. A listing an admin removed is the admins' to restore: its seller can do neither.
/// </summary>
public static class ListingLifecycleApi
{
    public static IEndpointRouteBuilder MapListingLifecycleApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/api/listings")
            .WithTags("Listings")
            .ProducesEdgeProblems()
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        writes.MapPost("/{id:long}/relist", RelistAsync)
            .WithName("RelistListing")
            .WithSummary("Relist an archived listing")
            .WithDescription(
                "Makes the caller's archived listing active again, as it was; the answer is the listing. An active one is left as it is. " +
                "A draft or a sold listing answers 409 (" + ListingProblemTypes.NotArchived + "), and so does one an admin removed (" +
                ListingProblemTypes.Removed + "). The caller's email address must be verified (403 otherwise).")
            .RequireVerifiedEmail();

        writes.MapDelete("/{id:long}/draft", DeleteDraftAsync)
            .WithName("DeleteDraftListing")
            .WithSummary("Delete a draft")
            .WithDescription(
                "Deletes the caller's draft, with its photos, for good. A listing that has been published is never deleted, only " +
                "archived: 409 (" + ListingProblemTypes.Published + "); so is one an admin removed (" + ListingProblemTypes.Removed + ").");

        return app;
    }

    public static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> RelistAsync(
        long id,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var sellerId = AccessTokens.UserIdOf(caller);
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == id && l.SellerId == sellerId, cancellationToken);
        if (listing is null)
        {
            return ListingsApi.ListingNotFound(id);
        }

        if (listing.RemovedAt is not null)
        {
            return Removed(id);
        }

        if (listing.Status is ListingStatus.Draft or ListingStatus.Sold)
        {
            return TypedResults.Problem(
                type: ListingProblemTypes.NotArchived,
                title: "Listing not archived.",
                detail: $"Listing {id} is {listing.Status.ToContract()}; only an archived listing is relisted.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (listing.Status == ListingStatus.Archived)
        {
            ListingPublication.MoveTo(listing, ListingStatus.Active, timeProvider);
            await db.SaveChangesAsync(cancellationToken);
        }

        var images = await ListingImagesApi.ImagesOfAsync(db, id, cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        var answer = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(ListingsApi.AsResponse).SingleAsync(cancellationToken);
        return TypedResults.Ok(answer with { Currency = marketplace.Value.Currency, CategorySlug = tree.SlugOf(answer.CategoryId), Images = images });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraftAsync(
        long id,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var sellerId = AccessTokens.UserIdOf(caller);
        // One statement, so that a publish in between cannot slip past the check; a report means it was seen, so it stays.
        var deleted = await db.Listings
            .Where(l => l.Id == id && l.SellerId == sellerId && l.Status == ListingStatus.Draft && l.RemovedAt == null
                && !db.ListingReports.Any(r => r.ListingId == l.Id))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 1)
        {
            return TypedResults.NoContent();
        }

        var listing = await db.Listings.AsNoTracking()
            .Where(l => l.Id == id && l.SellerId == sellerId)
            .Select(l => new { l.RemovedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return listing switch
        {
            null => ListingsApi.ListingNotFound(id),
            { RemovedAt: not null } => Removed(id),
            _ => ListingsApi.ListingPublished(id, "is never deleted; archive it instead"),
        };
    }

    private static ProblemHttpResult Removed(long id) => TypedResults.Problem(
        type: ListingProblemTypes.Removed,
        title: "Listing removed.",
        detail: $"An admin removed listing {id}; only an admin can restore it.",
        statusCode: StatusCodes.Status409Conflict);
}
