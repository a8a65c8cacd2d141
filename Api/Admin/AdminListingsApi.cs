using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marketplace.Api.Categories;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Admin;

/// <summary>
/// Finding listings and reviewing one, in every state (drafts, archived, removed, a suspended seller's): what admins
/// need before they remove or restore one.
/// </summary>
public static class AdminListingsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAdminListings(this RouteGroupBuilder admin)
    {
        admin.MapGet("/listings", SearchAsync)
            .WithName("AdminSearchListings")
            .WithSummary("Find listings")
            .WithDescription(
                "Listings in every state, newest first, with their seller and open reports: q finds words in the title or description " +
                "(web-search syntax), sellerId or sellerEmail (the whole address, any case) a seller's. Give at least one of the three. " +
                "Pass nextCursor back as cursor for the next page.");

        admin.MapGet("/listings/{id:long}", GetAsync)
            .WithName("AdminGetListing")
            .WithSummary("Review a listing")
            .WithDescription("The listing in any state with its photos, its seller, why it was removed, and its open reports.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    public static async Task<Results<Ok<AdminListingPage>, ValidationProblem>> SearchAsync(
        [Description("Words to find in the title or description, in web-search syntax.")][StringLength(ListingsApi.MaxQueryLength)] string? q,
        [Description("Only this seller's listings.")] Guid? sellerId,
        [Description("Only the listings of the seller with this email address (any case).")][StringLength(Contracts.Accounts.AccountRules.EmailMaxLength)] string? sellerEmail,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Listings per page, 1 to 200; 50 by default.")][Range(1, MaxPageSize)] int? limit,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        [FromKeyedServices(NewestFirstCursors.AdminListings)] NewestFirstCursors cursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q) && sellerId is null && string.IsNullOrWhiteSpace(sellerEmail))
        {
            // Every listing newest first would be a sort of the whole table; admins find listings by what they know.
            errors["q"] = ["Give words (q), a seller (sellerId or sellerEmail), or both."];
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

        var query = db.Listings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(sellerEmail))
        {
            var normalized = User.NormalizeEmail(sellerEmail);
            query = query.Where(l => l.Seller!.NormalizedEmail == normalized);
        }

        if (sellerId is { } seller)
        {
            query = query.Where(l => l.SellerId == seller);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.WhereTextMatches(q);
        }

        if (after is not null)
        {
            query = query.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var rows = await query
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Take(pageSize + 1)
            .Select(ListingAnswers.AsResponse)
            .ToListAsync(cancellationToken);
        var items = await DescribeAsync(db, catalog, marketplace.Value.Currency, rows.Take(pageSize).ToList(), cancellationToken);
        return TypedResults.Ok(new AdminListingPage(items, cursors.After(rows, pageSize, l => new NewestFirstPosition(l.CreatedAt, l.Id))));
    }

    public static async Task<Results<Ok<AdminListingResponse>, ProblemHttpResult>> GetAsync(
        long id, MarketplaceDbContext db, CategoryCatalog catalog, IOptions<MarketplaceOptions> marketplace, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(ListingAnswers.AsResponse).SingleOrDefaultAsync(cancellationToken);
        if (listing is null)
        {
            return ListingProblems.NotFound(id);
        }

        var images = await ListingGallery.ReadAsync(db, id, cancellationToken);
        var described = await DescribeAsync(db, catalog, marketplace.Value.Currency, [listing with { Images = images }], cancellationToken);
        return TypedResults.Ok(described[0]);
    }

    /// <summary>The listings (as <see cref="ListingAnswers.AsResponse"/> read them) with the currency, their category's slug, their seller, removal reason and open reports.</summary>
    internal static async Task<List<AdminListingResponse>> DescribeAsync(
        MarketplaceDbContext db, CategoryCatalog catalog, string currency, IReadOnlyList<ListingResponse> listings, CancellationToken cancellationToken)
    {
        if (listings.Count == 0)
        {
            return [];
        }

        var ids = listings.Select(l => l.Id).ToList();
        var facts = await db.Listings.AsNoTracking()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.RemovalReason, OpenReports = db.ListingReports.Count(r => r.ListingId == l.Id && r.ResolvedAt == null) })
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var sellerIds = listings.Select(l => l.SellerId).Distinct().ToList();
        var sellers = await db.Users.AsNoTracking()
            .Where(u => sellerIds.Contains(u.Id))
            .Select(AdminUserProjection.AsSummary)
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        return listings
            .Select(l => new AdminListingResponse(
                l with { Currency = currency, CategorySlug = tree.SlugOf(l.CategoryId) },
                sellers[l.SellerId],
                facts[l.Id].RemovalReason,
                facts[l.Id].OpenReports))
            .ToList();
    }
}
