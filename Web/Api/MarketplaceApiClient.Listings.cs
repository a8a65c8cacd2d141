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

    /// <summary>
    /// How old the category tree that pages for browsing show may be on this replica (<see cref="GetCategoriesToBrowseAsync"/>).
    /// An admin's change shows at once on the replica it was made through, which forgets its copy; on the others, within
    /// this (plus the Api's own copy's age when a replica missed the Api's message).
    /// </summary>
    public static readonly TimeSpan CategoriesToBrowseAge = TimeSpan.FromSeconds(10);

    private const string SettingsCacheKey = "marketplace-settings";

    private const string CategoriesToBrowseCacheKey = "marketplace-categories-to-browse";

    /// <summary>The visible category tree as the Api has it now: for a form that files something under a category.</summary>
    public Task<ApiAnswer<List<CategoryResponse>>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<CategoryResponse>>("/api/categories", ApiCaller.Anonymous, cancellationToken);

    /// <summary>
    /// The visible category tree, read by this replica at most <see cref="CategoriesToBrowseAge"/> ago: for the pages
    /// every visitor goes through (search, a listing, the home page), which would otherwise ask the Api for it each time.
    /// A refusal is not kept.
    /// </summary>
    public async Task<ApiAnswer<List<CategoryResponse>>> GetCategoriesToBrowseAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CategoriesToBrowseCacheKey, out ApiAnswer<List<CategoryResponse>>? known))
        {
            return known!;
        }

        var answer = await GetCategoriesAsync(cancellationToken);
        if (answer.Succeeded)
        {
            cache.Set(CategoriesToBrowseCacheKey, answer, CategoriesToBrowseAge);
        }

        return answer;
    }

    /// <summary>The path from the root down to the visible category <paramref name="slug"/> (both included); none if it is not visible.</summary>
    public async Task<IReadOnlyList<CategoryPathItem>> GetCategoryPathAsync(string slug, CancellationToken cancellationToken)
    {
        var tree = await GetCategoriesToBrowseAsync(cancellationToken);
        return tree.Succeeded ? PathTo(tree.Value, slug) ?? [] : [];

        static List<CategoryPathItem>? PathTo(IEnumerable<CategoryResponse> level, string slug)
        {
            foreach (var category in level)
            {
                var step = new CategoryPathItem(category.Id, category.Name, category.Slug);
                if (category.Slug == slug)
                {
                    return [step];
                }

                if (PathTo(category.Children, slug) is { } below)
                {
                    below.Insert(0, step);
                    return below;
                }
            }

            return null;
        }
    }

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
