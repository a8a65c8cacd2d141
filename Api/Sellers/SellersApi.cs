using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Sellers;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Sellers;

/// <summary><c>GET /api/users/{id}</c>: a seller's public profile. Never the email; the seller's listings are the search's, with sellerId.</summary>
public static class SellersApi
{
    public static IEndpointRouteBuilder MapSellersApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/users")
            .WithTags("Sellers")
            .ProducesEdgeProblems()
            .MapGet("/{id:guid}", GetProfileAsync)
            .WithName("GetSellerProfile")
            .WithSummary("Get a seller's public profile")
            .WithDescription(
                "A seller's display name, when they joined, and how many active listings they have; their listings are GET /api/listings?sellerId=. " +
                "A suspended account has no public profile: 404, as for an id nobody has.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<SellerProfileResponse>, ProblemHttpResult>> GetProfileAsync(
        Guid id, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        // A suspended account's page would go on presenting someone the platform has stopped from selling; and whether
        // an account is suspended is between it and the admins, so its page is the same 404 as an id nobody has.
        // The count is of what a search shows: active and public (served by IX_Listing_Searchable_SellerId_...).
        var isListed = ListingAccess.PublicIn(ListingStatus.Active);
        var profile = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.SuspendedAt == null)
            .Select(u => new SellerProfileResponse(
                u.Id,
                u.DisplayName,
                u.CreatedAt,
                u.Listings.AsQueryable().Count(isListed)))
            .SingleOrDefaultAsync(cancellationToken);
        return profile is null ? ApiErrors.NotFound($"There is no seller {id}.") : TypedResults.Ok(profile);
    }
}
