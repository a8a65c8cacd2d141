using System.Globalization;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.SavedSearches;

/// <summary>The links an alert mail carries, built from <c>Marketplace:PublicBaseUrl</c> (the Web's pages).</summary>
public sealed class AlertLinks(IOptions<MarketplaceOptions> options, UnsubscribeKey key)
{
    /// <summary>The Web's page that shows a saved search's unsubscribe button (a GET changes nothing) and stops its alerts (a POST).</summary>
    public const string UnsubscribePath = "/alerts/unsubscribe";

    /// <summary>Where an alert queued in the outbox holds its unsubscribe link until it is sent (the row holds no token).</summary>
    public const string UnsubscribePlaceholder = "{{unsubscribe-link}}";

    /// <summary>The Web's page of a saved search: it opens the search's results and counts as a visit.</summary>
    public Uri SavedSearch(long savedSearchId) => options.Value.PublicPage($"/saved-searches/{savedSearchId.ToString(CultureInfo.InvariantCulture)}");

    public Uri SavedSearches() => options.Value.PublicPage("/saved-searches");

    public Uri Listing(long listingId) => options.Value.PublicPage($"/listings/{listingId.ToString(CultureInfo.InvariantCulture)}");

    public Uri Unsubscribe(long savedSearchId) => new(
        $"{options.Value.PublicPage(UnsubscribePath).AbsoluteUri}?search={savedSearchId.ToString(CultureInfo.InvariantCulture)}&token={key.TokenFor(savedSearchId)}");
}
