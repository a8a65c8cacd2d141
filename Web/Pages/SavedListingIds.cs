using System.Security.Claims;
using Marketplace.Web.Api;

namespace Marketplace.Web.Pages;

/// <summary>Which listings of a page the signed-in visitor saved, for the cards' hearts: one question to the Api per page.</summary>
public static class SavedListingIds
{
    public static async Task<IReadOnlySet<long>> AmongAsync(
        MarketplaceApiClient api, ClaimsPrincipal visitor, IEnumerable<long> listingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var ids = listingIds.ToList();
        if (visitor?.Identity?.IsAuthenticated != true || ids.Count == 0)
        {
            return new HashSet<long>();
        }

        try
        {
            var answer = await api.GetFavouriteIdsAsync(ids, cancellationToken);
            return answer.Succeeded ? answer.Value.ListingIds.ToHashSet() : new HashSet<long>();
        }
        catch (ApiSignInRequiredException)
        {
            // The session ended: the page shows empty hearts, and saving one signs the visitor in again.
            return new HashSet<long>();
        }
    }
}
