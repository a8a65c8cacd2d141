using System.Linq.Expressions;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Marketplace.Api.Listings;

/// <summary>A listing as the Api answers it: as a query's projection (searches, pages, one listing) or from a saved entity.</summary>
public static class ListingAnswers
{
    // The currency and the slug are not columns: the caller fills them in after the query.
    // The first thumbnail is a subquery per row of the page (an index probe on ListingImage), never a join the search plans around.
    public static readonly Expression<Func<Listing, ListingResponse>> AsResponse = l => new ListingResponse(
        l.Id, l.Title, l.Description, l.Price, "", l.CategoryId, null, l.LegacyCategory.ToContract(), l.Status.ToContract(), l.SellerId, l.CreatedAt, l.UpdatedAt, l.RemovedAt,
        l.Images.OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => i.ExternalUrl ?? ImagePaths.Prefix + i.ThumbnailBlobName).FirstOrDefault(),
        null,
        l.Condition == null ? null : l.Condition.Value.ToContract(),
        null,
        null);

    /// <summary>The seller as a listing's own answer names them (<see cref="ListingResponse.Seller"/>): never their email.</summary>
    public static readonly Expression<Func<User, ListingSellerResponse>> AsSeller = u => new ListingSellerResponse(u.DisplayName, u.CreatedAt);

    /// <summary>
    /// <see cref="AsResponse"/> with <see cref="ListingResponse.Seller"/> read in the same query (a join on the seller's
    /// primary key): a listing's own answer, which its page shows with the seller's name, without a second call.
    /// </summary>
    public static readonly Expression<Func<Listing, ListingResponse>> AsResponseWithSeller = WithSeller(AsResponse);

    /// <summary>The seller of a listing just written, for an answer that is the one a read gives.</summary>
    public static Task<ListingSellerResponse> SellerAsync(MarketplaceDbContext db, Guid sellerId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == sellerId).Select(AsSeller).SingleAsync(cancellationToken);

    private static Expression<Func<Listing, ListingResponse>> WithSeller(Expression<Func<Listing, ListingResponse>> response)
    {
        var created = (NewExpression)response.Body;
        var listing = response.Parameters[0];
        var seller = Expression.Property(listing, nameof(Listing.Seller));
        var position = Array.FindIndex(created.Constructor!.GetParameters(), p => p.Name == nameof(ListingResponse.Seller));
        var arguments = created.Arguments.ToArray();
        arguments[position] = ReplacingExpressionVisitor.Replace(AsSeller.Parameters[0], seller, AsSeller.Body);
        return Expression.Lambda<Func<Listing, ListingResponse>>(Expression.New(created.Constructor, arguments), response.Parameters);
    }

    public static ListingResponse FromEntity(Listing l, string categorySlug, string currency) => new(
        l.Id, l.Title, l.Description, l.Price, currency, l.CategoryId, categorySlug, l.LegacyCategory.ToContract(), l.Status.ToContract(), l.SellerId, l.CreatedAt, l.UpdatedAt, l.RemovedAt,
        Condition: l.Condition?.ToContract());
}
