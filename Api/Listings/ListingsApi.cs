using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ListingCategory = Marketplace.Data.Entities.ListingCategory;
using ListingStatus = Marketplace.Data.Entities.ListingStatus;

namespace Marketplace.Api.Listings;

public static class ListingsApi
{
    public const int MaxQueryLength = ListingRules.QueryMaxLength;

    private const string SellerForeignKey = "FK_Listing_User_SellerId";
    private const string CategoryForeignKey = "FK_Listing_Category_CategoryId";
    private const string GetListingRoute = "GetListing";

    public static IHostApplicationBuilder AddListings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ListingCursors>();
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.MyListings);
        return builder;
    }

    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/listings").WithTags("Listings").ProducesEdgeProblems();

        api.MapGet("/", SearchAsync)
            .WithName("SearchListings")
            .WithSummary("Search listings")
            .WithDescription(
                "Active (or sold) listings, filtered and sorted, a page at a time. Pass nextCursor back as cursor for the next page, " +
                "previousCursor for the page before; a cursor only works with the sort it came from.");

        // {id:long}: an id that is not a number matches no route and gets the same 404 problem as an id that does not exist.
        api.MapGet("/{id:long}", GetAsync)
            .WithName(GetListingRoute)
            .WithSummary("Get a listing")
            .WithDescription(
                "Drafts and archived listings are visible to their seller only, and listings an admin removed to their seller and admins; " +
                "to anyone else they do not exist.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var writes = api.MapGroup("")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        writes.MapPost("/", CreateAsync)
            .WithName("CreateListing")
            .WithSummary("Create a listing")
            .WithDescription(
                "Creates a listing sold by the caller. Give categorySlug, or the legacy category, or both consistently. " +
                "The caller's email address must be verified (403 otherwise).")
            .RequireVerifiedEmail()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapPut("/{id:long}", UpdateAsync)
            .WithName("UpdateListing")
            .WithSummary("Replace a listing")
            .WithDescription(
                "Replaces the caller's listing. Someone else's listing answers 404; an archived one 409, and so does status Draft for a " +
                "listing that has been published (archive it instead). " +
                "The caller's email address must be verified (403 otherwise).")
            .RequireVerifiedEmail()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapDelete("/{id:long}", ArchiveAsync)
            .WithName("ArchiveListing")
            .WithSummary("Archive a listing")
            .WithDescription("Archives the caller's listing; it disappears from searches. Archiving twice is harmless.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<ListingPage>, ValidationProblem>> SearchAsync(
        [Description("A category slug; the search covers its subcategories too.")][StringLength(CategoryRules.SlugMaxLength)] string? categorySlug,
        [Description("The legacy fixed category.")] Contracts.Listings.ListingCategory? category,
        [Description("Active (the default) or Sold.")] Contracts.Listings.ListingStatus? status,
        [PriceRange] decimal? minPrice,
        [PriceRange] decimal? maxPrice,
        Guid? sellerId,
        [Description("Words to find in the title or description, in web-search syntax: \"red bike\" -broken.")][StringLength(MaxQueryLength)] string? q,
        [Description("newest (the default), price_asc or price_desc.")] string? sort,
        [Description("The nextCursor or previousCursor of the page seen last.")][StringLength(200)] string? cursor,
        [Description("Listings per page, 1 to 100; 20 by default.")][Range(1, ListingSearch.MaxPageSize)] int? limit,
        [Description("Only listings whose seller stated this condition: New, LikeNew, Good, Fair or ForParts.")] Contracts.Listings.ItemCondition? condition,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        ListingCursors cursors,
        IOptions<MarketplaceOptions> marketplace,
        CancellationToken cancellationToken)
    {
        var (plan, errors) = await ListingSearch.PlanAsync(
            new ListingSearchQuery(categorySlug, category, status, minPrice, maxPrice, sellerId, q, sort, cursor, limit, condition),
            catalog, cursors, cancellationToken);
        if (plan is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await KeysetPaging.ReadAsync(
            fromCursor => ListingSearch.Page(db.Listings.AsNoTracking(), fromCursor ? plan : plan with { After = null, Before = false })
                .Select(ListingAnswers.AsResponse)
                .ToListAsync(cancellationToken),
            plan.PageSize, plan.After is not null, plan.Before);

        var tree = await catalog.GetAsync(cancellationToken);
        var currency = marketplace.Value.Currency;
        var items = page.Items.Select(row => row with { Currency = currency, CategorySlug = tree.SlugOf(row.CategoryId) }).ToList();
        var nextCursor = page.HasAfter ? cursors.Create(plan.Sort, PositionOf(items[^1])) : null;
        var previousCursor = page.HasBefore ? cursors.Create(plan.Sort, PositionOf(items[0]), before: true) : null;
        return TypedResults.Ok(new ListingPage(items, nextCursor, previousCursor));
    }

    public static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> GetAsync(
        long id,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        CancellationToken cancellationToken)
    {
        var read = await db.Listings.AsNoTracking().Where(l => l.Id == id).WithFacts(ListingAnswers.AsResponseWithSeller).SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, ListingAction.View, id) is { } refused)
        {
            return refused;
        }

        var listing = read!.Row;
        var images = await ListingGallery.ReadAsync(db, id, cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        return TypedResults.Ok(listing with { Currency = marketplace.Value.Currency, CategorySlug = tree.SlugOf(listing.CategoryId), Images = images });
    }

    public static async Task<Results<CreatedAtRoute<ListingResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ListingRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (placement, problem) = await ListingPlacement.ResolveAsync(request, catalog, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var listing = new Listing
        {
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
            SellerId = AccessTokens.UserIdOf(caller),
            Condition = request.Condition?.ToStored(),
        };
        Place(listing, request.Price!.Value, placement!);
        ListingPublication.MoveTo(listing, request.Status?.ToStored() ?? ListingStatus.Active, timeProvider);
        db.Listings.Add(listing);

        if (await SaveAsync(db, cancellationToken) is { } saveProblem)
        {
            return saveProblem;
        }

        // A new listing has no photos yet: the same answer a read gives, not the search results' null.
        var seller = await ListingAnswers.SellerAsync(db, listing.SellerId, cancellationToken);
        return TypedResults.CreatedAtRoute(
            ListingAnswers.FromEntity(listing, placement!.CategorySlug, marketplace.Value.Currency) with { Images = [], Seller = seller },
            GetListingRoute, new { id = listing.Id });
    }

    public static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id,
        ListingRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var action = request.Status == Contracts.Listings.ListingStatus.Draft ? ListingAction.EditAsDraft : ListingAction.Edit;
        var read = await db.Listings.Where(l => l.Id == id).WithFacts(l => l).SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, action, id) is { } refused)
        {
            return refused;
        }

        var listing = read!.Row;
        var (placement, problem) = await ListingPlacement.ResolveAsync(request, catalog, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        listing.Title = request.Title.Trim();
        listing.Description = request.Description.Trim();
        Place(listing, request.Price!.Value, placement!);
        // Left out (a client from before conditions), the listing keeps the condition it has.
        listing.Condition = request.Condition?.ToStored() ?? listing.Condition;
        ListingPublication.MoveTo(listing, request.Status?.ToStored() ?? listing.Status, timeProvider);

        if (await SaveAsync(db, cancellationToken) is { } saveProblem)
        {
            return saveProblem;
        }

        // The answer a read would give: with the listing's photos.
        var images = await ListingGallery.ReadAsync(db, listing.Id, cancellationToken);
        return TypedResults.Ok(ListingAnswers.FromEntity(listing, placement!.CategorySlug, marketplace.Value.Currency) with
        {
            Images = images,
            ThumbnailUrl = images.Count > 0 ? images[0].ThumbnailUrl : null,
            Seller = await ListingAnswers.SellerAsync(db, listing.SellerId, cancellationToken),
        });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        long id,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var read = await db.Listings.Where(l => l.Id == id).WithFacts(l => l).SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, ListingAction.Archive, id) is { } refused)
        {
            return refused;
        }

        var listing = read!.Row;
        if (listing.Status != ListingStatus.Archived)
        {
            listing.Status = ListingStatus.Archived;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static ListingPosition PositionOf(ListingResponse listing) => new(listing.CreatedAt, listing.Price, listing.Id);

    private static void Place(Listing listing, decimal price, ListingPlacement placement)
    {
        listing.Price = price;
        listing.CategoryId = placement.CategoryId;
        listing.LegacyCategory = placement.LegacyCategory;
    }

    /// <summary>Saves, answering the two races the checks before cannot exclude as what they are rather than a 500.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsForeignKeyViolation(ex, SellerForeignKey))
        {
            return TypedResults.Problem(
                title: "Account not found.",
                detail: "The account this access token was issued for no longer exists.",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsForeignKeyViolation(ex, CategoryForeignKey))
        {
            return TypedResults.Problem(
                title: "Category removed.",
                detail: "The category was removed while the listing was being saved; choose another.",
                statusCode: StatusCodes.Status409Conflict);
        }
    }
}
