using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Listings;

/// <summary><c>GET /api/me/listings</c>: the caller's own listings in every status, newest first, keyset-paged on (CreatedAt, Id).</summary>
public static class MyListingsApi
{
    public static IEndpointRouteBuilder MapMyListingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/me")
            .WithTags("Listings")
            .RequireAuthorization()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/listings", GetAsync)
            .WithName("GetMyListings")
            .WithSummary("List my listings")
            .WithDescription(
                "The caller's own listings, drafts, active, sold and archived alike, newest first; one an admin removed carries removedAt. " +
                "Give status (once or more) for only those statuses. Pass nextCursor back as cursor for the next page.");
        return app;
    }

    public static async Task<Results<Ok<ListingPage>, ValidationProblem>> GetAsync(
        [Description("Only listings in these statuses (repeat it for several); every status by default.")] ListingStatus[]? status,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Listings per page, 1 to 100; 20 by default.")][Range(1, ListingSearch.MaxPageSize)] int? limit,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        [FromKeyedServices(NewestFirstCursors.MyListings)] NewestFirstCursors cursors,
        IOptions<MarketplaceOptions> marketplace,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        // Query binding accepts an enum's number, even one that names nothing.
        if ((status ?? []).Where(s => !Enum.IsDefined(s)).Select(s => (int?)s).FirstOrDefault() is { } unknown)
        {
            errors["status"] = [$"'{unknown}' is not a listing status."];
        }

        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this list issued; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var sellerId = AccessTokens.UserIdOf(caller);
        var query = db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId);
        if (status is { Length: > 0 })
        {
            var statuses = status.Distinct().Select(s => s.ToStored()).ToArray();
            query = query.Where(l => statuses.Contains(l.Status));
        }

        if (after is not null)
        {
            query = query.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? ListingSearch.DefaultPageSize;
        var rows = await query
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Take(pageSize + 1)
            .Select(ListingsApi.AsResponse)
            .ToListAsync(cancellationToken);

        var tree = await catalog.GetAsync(cancellationToken);
        var currency = marketplace.Value.Currency;
        var items = rows.Take(pageSize).Select(row => row with { Currency = currency, CategorySlug = tree.SlugOf(row.CategoryId) }).ToList();
        var nextCursor = rows.Count > pageSize ? cursors.Create(new NewestFirstPosition(items[^1].CreatedAt, items[^1].Id)) : null;
        return TypedResults.Ok(new ListingPage(items, nextCursor));
    }
}
