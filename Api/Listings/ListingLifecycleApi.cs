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
        var read = await db.Listings.Where(l => l.Id == id).WithFacts(l => l).SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, ListingAction.Relist, id) is { } refused)
        {
            return refused;
        }

        if (read!.Row.Status == ListingStatus.Archived)
        {
            ListingPublication.MoveTo(read.Row, ListingStatus.Active, timeProvider);
            await db.SaveChangesAsync(cancellationToken);
        }

        var images = await ListingGallery.ReadAsync(db, id, cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        // Deleted by its seller between the check and this read (another tab): gone, as the check would now say.
        if (await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(ListingAnswers.AsResponse).SingleOrDefaultAsync(cancellationToken) is not { } answer)
        {
            return ListingAccess.Refuse(null, caller, ListingAction.Relist, id)!;
        }

        return TypedResults.Ok(answer with { Currency = marketplace.Value.Currency, CategorySlug = tree.SlugOf(answer.CategoryId), Images = images });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraftAsync(
        long id,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // The listing's row lock holds what is decided on it until the delete commits: a publish cannot slip in between.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var listing = await ListingAccess.LockAsync(db, id, ct);
            if (ListingAccess.Refuse(listing, caller, ListingAction.DeleteDraft, id) is { } refused)
            {
                return (Results<NoContent, ProblemHttpResult>)refused;
            }

            // A report means it was seen, so it stays (and is only archived).
            if (await db.ListingReports.AnyAsync(r => r.ListingId == id, ct))
            {
                return ListingProblems.Of(ListingRefusal.Published, ListingAction.DeleteDraft, id, listing);
            }

            await db.Listings.Where(l => l.Id == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.NoContent();
        }, cancellationToken);
}
