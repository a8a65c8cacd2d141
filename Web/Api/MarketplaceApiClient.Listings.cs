using System.Globalization;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Api;

// Listings and categories: /api/listings, /api/categories.
public sealed partial class MarketplaceApiClient
{
    public const int SearchPageSize = 24;

    public Task<ApiAnswer<List<CategoryResponse>>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<CategoryResponse>>("/api/categories", ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<CategoryDetailResponse>> GetCategoryAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<CategoryDetailResponse>("/api/categories/" + Uri.EscapeDataString(slug), ApiCaller.Anonymous, cancellationToken);

    /// <summary>A search page; every filter is passed on as the visitor typed it, so the Api names what it refuses.</summary>
    public Task<ApiAnswer<ListingPage>> SearchAsync(IReadOnlyDictionary<string, string?> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var query = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value);
        query["limit"] = SearchPageSize.ToString(CultureInfo.InvariantCulture);
        return GetAsync<ListingPage>(QueryHelpers.AddQueryString("/api/listings", query), ApiCaller.Anonymous, cancellationToken);
    }

    /// <summary>One listing, as the visitor may see it (its seller also sees a draft or an archived one).</summary>
    public Task<ApiAnswer<ListingResponse>> GetListingAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<ListingResponse>(FormattableString.Invariant($"/api/listings/{id}"), ApiCaller.Visitor, cancellationToken);

    public Task<ApiAnswer<ListingResponse>> CreateListingAsync(ListingRequest request, CancellationToken cancellationToken) =>
        SendJsonAsync<ListingResponse>(HttpMethod.Post, "/api/listings", request, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ListingResponse>> UpdateListingAsync(long id, ListingRequest request, CancellationToken cancellationToken) =>
        SendJsonAsync<ListingResponse>(HttpMethod.Put, FormattableString.Invariant($"/api/listings/{id}"), request, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ArchiveListingAsync(long id, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Delete, FormattableString.Invariant($"/api/listings/{id}"), body: null, ApiCaller.SignedIn, cancellationToken);
}
