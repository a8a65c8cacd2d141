using System.Security.Claims;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;

namespace Marketplace.Web.Pages.Listings;

/// <summary>
/// The rule of every page that is its seller's alone (edit, photos, a photo's deletion, the confirmations): the
/// listing when the visitor is its seller, else nothing, so the page answers 404 before anything of it shows.
/// </summary>
public static class OwnListing
{
    public static async Task<ListingResponse?> LoadAsync(MarketplaceApiClient api, ClaimsPrincipal visitor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(visitor);
        if (!Guid.TryParse(visitor.FindFirstValue(ClaimTypes.NameIdentifier), out var me))
        {
            return null;
        }

        var listing = await api.GetListingAsync(id, cancellationToken);
        return listing.Succeeded && listing.Value.SellerId == me ? listing.Value : null;
    }
}
