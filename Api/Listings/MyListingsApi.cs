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
                "The caller's own listings, drafts, active, sold and archived alike, newest first; one an admin removed carries removedAt, and each its favouriteCount. " +
                "Give status (once or more) for only those statuses. Pass nextCursor back as cursor for the next page, previousCursor for the page before.");
        return app;
    }

    public static async Task<Results<Ok<ListingPage>, ValidationProblem>> GetAsync(
        [Description("Only listings in these statuses (repeat it for several); every status by default.")] ListingStatus[]? status,
        [Description("The nextCursor or previousCursor of the page seen last.")][StringLength(200)] string? cursor,
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

        var (from, before) = string.IsNullOrEmpty(cursor) ? (null, false) : cursors.ReadEither(cursor);
        if (!string.IsNullOrEmpty(cursor) && from is null)
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

        var pageSize = limit ?? ListingSearch.DefaultPageSize;
        var page = await KeysetPaging.ReadAsync(
            fromCursor =>
            {
                var walk = (fromCursor ? from : null, before) switch
                {
                    (null, _) => query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
                    ({ } at, false) => query
                        .Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(at.CreatedAt, at.Id)))
                        .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
                    ({ } at, true) => query
                        .Where(l => EF.Functions.GreaterThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(at.CreatedAt, at.Id)))
                        .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
                };
                return walk.Take(pageSize + 1).Select(ListingAnswers.AsResponse).ToListAsync(cancellationToken);
            },
            pageSize, from is not null, before);

        var tree = await catalog.GetAsync(cancellationToken);
        var currency = marketplace.Value.Currency;
        // How many buyers keep each listing: one probe of the favourites' listing index per listing of the page.
        var ids = page.Items.Select(row => row.Id).ToList();
        var favourites = await db.Favourites.AsNoTracking()
            .Where(f => ids.Contains(f.ListingId))
            .GroupBy(f => f.ListingId)
            .Select(g => new { ListingId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ListingId, g => g.Count, cancellationToken);
        var items = page.Items
            .Select(row => row with { Currency = currency, CategorySlug = tree.SlugOf(row.CategoryId), FavouriteCount = favourites.GetValueOrDefault(row.Id) })
            .ToList();
        return TypedResults.Ok(new ListingPage(
            items,
            page.HasAfter ? cursors.Create(new NewestFirstPosition(items[^1].CreatedAt, items[^1].Id)) : null,
            page.HasBefore ? cursors.Create(new NewestFirstPosition(items[0].CreatedAt, items[0].Id), before: true) : null));
    }
}
