using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Sellers;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Api;

// The seller's own listings, sellers' public pages and reporting a listing (writing to a seller: MarketplaceApiClient.Talk.cs).
public sealed partial class MarketplaceApiClient
{
    /// <summary>The signed-in seller's listings with one status, newest first, a cursor page at a time.</summary>
    public Task<ApiAnswer<ListingPage>> MyListingsAsync(ListingStatus status, string? cursor, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?> { ["status"] = status.ToString() };
        if (!string.IsNullOrEmpty(cursor))
        {
            query["cursor"] = cursor;
        }

        return GetAsync<ListingPage>(QueryHelpers.AddQueryString("/api/me/listings", query), ApiCaller.SignedIn, cancellationToken);
    }

    public Task<ApiAnswer<SellerProfileResponse>> GetSellerAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<SellerProfileResponse>(FormattableString.Invariant($"/api/users/{id}"), ApiCaller.Anonymous, cancellationToken);

    /// <summary>A seller's active listings (the search, filtered by seller).</summary>
    public Task<ApiAnswer<ListingPage>> SellerListingsAsync(Guid sellerId, string? cursor, CancellationToken cancellationToken) =>
        SearchAsync(new Dictionary<string, string?> { ["sellerId"] = sellerId.ToString(), ["cursor"] = cursor }, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ReportListingAsync(long listingId, string reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/listings/{listingId}/reports"),
            new ReportListingRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);
}
