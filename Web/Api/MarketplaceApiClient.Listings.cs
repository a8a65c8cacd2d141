using System.Globalization;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Settings;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Api;

// Listings and categories: /api/listings, /api/categories.
public sealed partial class MarketplaceApiClient
{
    public const int SearchPageSize = 24;

    private const string SettingsCacheKey = "marketplace-settings";

    public Task<ApiAnswer<List<CategoryResponse>>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<CategoryResponse>>("/api/categories", ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<CategoryDetailResponse>> GetCategoryAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<CategoryDetailResponse>("/api/categories/" + Uri.EscapeDataString(slug), ApiCaller.Anonymous, cancellationToken);

    /// <summary>A search page of <paramref name="limit"/> listings; blank filters are left out.</summary>
    public Task<ApiAnswer<ListingPage>> SearchAsync(IReadOnlyDictionary<string, string?> filters, CancellationToken cancellationToken, int limit = SearchPageSize)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var query = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value);
        query["limit"] = limit.ToString(CultureInfo.InvariantCulture);
        return GetAsync<ListingPage>(QueryHelpers.AddQueryString("/api/listings", query), ApiCaller.Anonymous, cancellationToken);
    }

    /// <summary>The marketplace's settings (its currency), asked once every few minutes: they change only with a deployment.</summary>
    public async Task<MarketplaceSettingsResponse?> GetSettingsAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(SettingsCacheKey, out MarketplaceSettingsResponse? known))
        {
            return known;
        }

        var answer = await GetAsync<MarketplaceSettingsResponse>("/api/marketplace", ApiCaller.Anonymous, cancellationToken);
        if (!answer.Succeeded)
        {
            return null;
        }

        cache.Set(SettingsCacheKey, answer.Value, TimeSpan.FromMinutes(5));
        return answer.Value;
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

    public Task<ApiAnswer<ListingResponse>> RelistListingAsync(long id, CancellationToken cancellationToken) =>
        SendJsonAsync<ListingResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/listings/{id}/relist"), body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> DeleteDraftAsync(long id, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Delete, FormattableString.Invariant($"/api/listings/{id}/draft"), body: null, ApiCaller.SignedIn, cancellationToken);
}
