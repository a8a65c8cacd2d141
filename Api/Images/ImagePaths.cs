using System.Linq.Expressions;
using Marketplace.Contracts.Listings;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Images;

/// <summary>
/// Where an image is served: <c>/api/images/{blob name}</c>, the blob name being <c>{content hash}/{long side}.webp</c>,
/// so the path names the bytes and never changes. An external image (from the legacy URLs) is served as its own URL.
/// </summary>
public static class ImagePaths
{
    public const string Prefix = "/api/images/";

    /// <summary>The thumbnail of a listing's first image, as a query expression (the search asks for it per result row).</summary>
    public static readonly Expression<Func<Listing, string?>> FirstThumbnail = l => l.Images
        .OrderBy(i => i.Position).ThenBy(i => i.Id)
        .Select(i => i.ExternalUrl ?? Prefix + i.ThumbnailBlobName)
        .FirstOrDefault();

    public static ListingImageResponse ToResponse(ListingImage image) => image.ExternalUrl is { } url
        ? new ListingImageResponse(image.Id, image.Position, image.AltText, null, null, url, url, External: true)
        : new ListingImageResponse(
            image.Id, image.Position, image.AltText, image.Width, image.Height,
            Prefix + image.ThumbnailBlobName, Prefix + image.DisplayBlobName, External: false);
}
