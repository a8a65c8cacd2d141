using System.Globalization;
using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Favourites;
using Marketplace.Contracts.SavedSearches;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Api;

// Talking on the site: conversations (/api/conversations), saved listings (/api/me/favourites) and saved searches
// with their alerts (/api/me/saved-searches, /api/alerts/unsubscribe).
public sealed partial class MarketplaceApiClient
{
    /// <summary>Starts the visitor's conversation about a listing with its first message, or continues the one they have.</summary>
    public Task<ApiAnswer<ConversationMessageResponse>> StartConversationAsync(long listingId, string message, CancellationToken cancellationToken) =>
        SendJsonAsync<ConversationMessageResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/listings/{listingId}/conversation"),
            new MessageRequest { Message = message }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<InboxPage>> GetInboxAsync(string? cursor, CancellationToken cancellationToken) =>
        GetAsync<InboxPage>(string.IsNullOrEmpty(cursor) ? "/api/conversations" : QueryHelpers.AddQueryString("/api/conversations", "cursor", cursor),
            ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<UnreadCountResponse>> GetUnreadCountAsync(CancellationToken cancellationToken) =>
        GetAsync<UnreadCountResponse>("/api/conversations/unread", ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ConversationResponse>> GetConversationAsync(long id, long? before, CancellationToken cancellationToken) =>
        GetAsync<ConversationResponse>(
            before is { } earlier ? FormattableString.Invariant($"/api/conversations/{id}?before={earlier}") : FormattableString.Invariant($"/api/conversations/{id}"),
            ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ConversationMessageResponse>> SendMessageAsync(long conversationId, string message, CancellationToken cancellationToken) =>
        SendJsonAsync<ConversationMessageResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/conversations/{conversationId}/messages"),
            new MessageRequest { Message = message }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> MarkConversationReadAsync(long conversationId, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/conversations/{conversationId}/read"), body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> BlockConversationPartnerAsync(long conversationId, bool block, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(block ? HttpMethod.Put : HttpMethod.Delete, FormattableString.Invariant($"/api/conversations/{conversationId}/block"),
            body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ReportConversationAsync(long conversationId, string reason, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, FormattableString.Invariant($"/api/conversations/{conversationId}/reports"),
            new ReportConversationRequest { Reason = reason }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<FavouritePage>> GetFavouritesAsync(string? cursor, CancellationToken cancellationToken) =>
        GetAsync<FavouritePage>(string.IsNullOrEmpty(cursor) ? "/api/me/favourites" : QueryHelpers.AddQueryString("/api/me/favourites", "cursor", cursor),
            ApiCaller.SignedIn, cancellationToken);

    /// <summary>Which of <paramref name="listingIds"/> the signed-in visitor saved (at most 100 asked at once).</summary>
    public Task<ApiAnswer<FavouriteIdsResponse>> GetFavouriteIdsAsync(IEnumerable<long> listingIds, CancellationToken cancellationToken)
    {
        var query = string.Join('&', listingIds.Distinct().Take(100).Select(id => "listingId=" + id.ToString(CultureInfo.InvariantCulture)));
        return GetAsync<FavouriteIdsResponse>("/api/me/favourite-ids" + (query.Length == 0 ? "" : "?" + query), ApiCaller.SignedIn, cancellationToken);
    }

    public Task<ApiAnswer<ApiNoContent>> SaveFavouriteAsync(long listingId, bool saved, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(saved ? HttpMethod.Put : HttpMethod.Delete, FormattableString.Invariant($"/api/me/favourites/{listingId}"),
            body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<SavedSearchList>> GetSavedSearchesAsync(CancellationToken cancellationToken) =>
        GetAsync<SavedSearchList>("/api/me/saved-searches", ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<SavedSearchResponse>> SaveSearchAsync(SavedSearchRequest request, CancellationToken cancellationToken) =>
        SendJsonAsync<SavedSearchResponse>(HttpMethod.Post, "/api/me/saved-searches", request, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<SavedSearchResponse>> UpdateSavedSearchAsync(long id, AlertFrequency alerts, CancellationToken cancellationToken) =>
        SendJsonAsync<SavedSearchResponse>(HttpMethod.Patch, FormattableString.Invariant($"/api/me/saved-searches/{id}"),
            new UpdateSavedSearchRequest { Alerts = alerts }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> DeleteSavedSearchAsync(long id, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Delete, FormattableString.Invariant($"/api/me/saved-searches/{id}"), body: null, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Opens a saved search: its new matches are seen from now on.</summary>
    public Task<ApiAnswer<SavedSearchResponse>> VisitSavedSearchAsync(long id, CancellationToken cancellationToken) =>
        SendJsonAsync<SavedSearchResponse>(HttpMethod.Post, FormattableString.Invariant($"/api/me/saved-searches/{id}/visit"), body: null, ApiCaller.SignedIn, cancellationToken);

    /// <summary>What an alert mail's unsubscribe link stops; asked by whoever holds the link, signed in or not.</summary>
    public Task<ApiAnswer<AlertSubscriptionResponse>> GetAlertSubscriptionAsync(long search, string token, CancellationToken cancellationToken) =>
        GetAsync<AlertSubscriptionResponse>(
            QueryHelpers.AddQueryString("/api/alerts/unsubscribe", new Dictionary<string, string?> { ["search"] = search.ToString(CultureInfo.InvariantCulture), ["token"] = token }),
            ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> UnsubscribeAlertsAsync(long search, string token, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/alerts/unsubscribe", new UnsubscribeRequest { Search = search, Token = token }, ApiCaller.Anonymous, cancellationToken);
}
