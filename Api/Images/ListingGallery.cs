using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Images;

/// <summary>A listing's photos as every answer about the listing carries them: in the seller's order.</summary>
public static class ListingGallery
{
    public static async Task<List<ListingImageResponse>> ReadAsync(MarketplaceDbContext db, long listingId, CancellationToken cancellationToken) =>
        (await db.ListingImages.AsNoTracking().Where(i => i.ListingId == listingId).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(cancellationToken))
            .Select(ImagePaths.ToResponse)
            .ToList();
}
