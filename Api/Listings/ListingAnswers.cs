using System.Linq.Expressions;
using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;

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
        null);

    public static ListingResponse FromEntity(Listing l, string categorySlug, string currency) => new(
        l.Id, l.Title, l.Description, l.Price, currency, l.CategoryId, categorySlug, l.LegacyCategory.ToContract(), l.Status.ToContract(), l.SellerId, l.CreatedAt, l.UpdatedAt, l.RemovedAt,
        Condition: l.Condition?.ToContract());
}
