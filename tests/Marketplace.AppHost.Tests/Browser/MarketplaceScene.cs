using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// A seller with a listing in every state, made through the Api as a client would (the pages under test are the
/// Web's): an active one with two photos (one wide, one tall), a long title word and a long URL in its description,
/// costing over a thousand; a free one; a draft, a sold and an archived one. Each scene's words are its own, so tests
/// find their listings and nobody else's.
/// </summary>
public sealed record MarketplaceScene(
    TestAccount Seller, Guid SellerId, string Word, long Active, long Free, long Draft, long Sold, long Archived, long Image, string AccessToken)
{
    /// <summary>The titles of the scene's listings begin so: "{title} {word}".</summary>
    public const string ActiveTitle = LongWord + " walnut";

    public const string LongWord = "Supercalifragilisticexpialidociouslyextraordinaryantiquewardrobe";

    public const string LongUrl =
        "https://example.com/catalogue/antiques/wardrobes/1890s-walnut-double-wardrobe-with-original-handles-and-mirror-restored-in-2019-see-photos-and-receipts-for-provenance-details-and-measurements-before-you-ask";

    public static async Task<MarketplaceScene> CreateAsync(DistributedApplication app, IPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var word = "scene" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'g').Replace('1', 'h').Replace('2', 'k').Replace('3', 'm')
            .Replace('4', 'p').Replace('5', 'q').Replace('6', 'r').Replace('7', 's').Replace('8', 't').Replace('9', 'w');
        var seller = await TestAccount.New("Marta").RegisterVerifiedAsync(app, cancellationToken);
        using var api = await seller.ApiClientAsync(app, cancellationToken);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;

        var active = await CreateAsync(api, $"{ActiveTitle} {word}", $"Solid walnut, restored. Details: {LongUrl}", "1250.00", "furniture", "Active", cancellationToken);
        var free = await CreateAsync(api, $"Garden chairs {word}", "Four folding chairs; come and take them.", "0", "home-and-garden", "Active", cancellationToken);
        var draft = await CreateAsync(api, $"Draft mirror {word}", "Gilt frame.", "40.00", "furniture", "Draft", cancellationToken);
        var sold = await CreateAsync(api, $"Sold record player {word}", "Works.", "85.00", "electronics", "Sold", cancellationToken);
        var archived = await CreateAsync(api, $"Archived bicycle {word}", "Needs new tyres.", "60.00", "sports", "Active", cancellationToken);
        (await api.DeleteAsync(new Uri($"/api/listings/{archived}", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode();

        using var photos = new MultipartFormDataContent();
        foreach (var (photo, i) in new[]
                 {
                     await TestPhotos.JpegAsync(page, "wide.jpg", "#2a6f4e", 1600, 1200),
                     await TestPhotos.JpegAsync(page, "tall.jpg", "#8a3b12", 900, 1600),
                 }.Select((p, i) => (p, i)))
        {
            var part = new ByteArrayContent(photo.Buffer);
            part.Headers.ContentType = new MediaTypeHeaderValue(photo.MimeType);
            photos.Add(part, "files", photo.Name);
        }

        using var uploaded = await api.PostAsync(new Uri($"/api/listings/{active}/images", UriKind.Relative), photos, cancellationToken);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync(cancellationToken));
        var image = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("images")[0].GetProperty("id").GetInt64();

        var sellerId = (await (await api.GetAsync(new Uri("/api/me", UriKind.Relative), cancellationToken)).Content.ReadFromJsonAsync<JsonElement>(cancellationToken))
            .GetProperty("id").GetGuid();
        return new MarketplaceScene(seller, sellerId, word, active, free, draft, sold, archived, image, token);
    }

    /// <summary>Another listing of the scene's seller, through the Api; its id. Without a condition it has not stated one.</summary>
    public async Task<long> ListingAsync(
        DistributedApplication app, string title, string price, CancellationToken cancellationToken, string status = "Active", string? condition = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var api = app.CreateHttpClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return await CreateAsync(api, $"{title} {Word}", "Made for a test.", price, "furniture", status, cancellationToken, condition);
    }

    /// <summary>
    /// A buyer writes to the seller about the active listing (with a long word) and reports it, and the seller saves a
    /// search, through the Api: the seller's messages, conversation and saved searches, and an admin's reports queue,
    /// then have something to show. The buyer, the conversation's id and the saved search's.
    /// </summary>
    public async Task<(TestAccount Buyer, long Conversation, long SavedSearch)> TalkAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var buyer = await TestAccount.New("Bruno").RegisterVerifiedAsync(app, cancellationToken);
        long conversation;
        using (var api = await buyer.ApiClientAsync(app, cancellationToken))
        {
            using var started = await api.PostAsJsonAsync(
                $"/api/listings/{Active}/conversation", new { message = $"Is it still for sale? {LongWord}" }, cancellationToken);
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync(cancellationToken));
            conversation = (await started.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("conversationId").GetInt64();
            using var reported = await api.PostAsJsonAsync(
                $"/api/listings/{Active}/reports", new { reason = $"The photos look copied from another site. {LongWord}" }, cancellationToken);
            Assert.True(reported.IsSuccessStatusCode, await reported.Content.ReadAsStringAsync(cancellationToken));
        }

        using var seller = app.CreateHttpClient("api");
        seller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var saved = await seller.PostAsJsonAsync(
            "/api/me/saved-searches", new { q = LongWord, maxPrice = "2000", condition = "Good", alerts = "Daily" }, cancellationToken);
        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(cancellationToken));
        return (buyer, conversation, (await saved.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64());
    }

    /// <summary>
    /// The buyer of <see cref="TalkAsync"/> reports that conversation, through the Api; the report's id, as the admin
    /// finds it among the reports about conversations on the scene's active listing.
    /// </summary>
    public async Task<long> ReportConversationAsync(DistributedApplication app, TestAccount buyer, long conversation, TestAccount admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentNullException.ThrowIfNull(admin);
        using (var api = await buyer.ApiClientAsync(app, cancellationToken))
        {
            using var reported = await api.PostAsJsonAsync(
                $"/api/conversations/{conversation}/reports", new { reason = $"Asks me to pay by bank transfer first. {LongWord}" }, cancellationToken);
            Assert.True(reported.IsSuccessStatusCode, await reported.Content.ReadAsStringAsync(cancellationToken));
        }

        using var desk = await admin.ApiClientAsync(app, cancellationToken);
        var page = await desk.GetFromJsonAsync<JsonElement>($"/api/admin/reports?kind=Conversation&listingId={Active}", cancellationToken);
        return page.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    private static async Task<long> CreateAsync(
        HttpClient api, string title, string description, string price, string categorySlug, string status, CancellationToken cancellationToken, string? condition = null)
    {
        using var created = await api.PostAsJsonAsync("/api/listings", new { title, description, price, categorySlug, status, condition }, cancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(cancellationToken));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();
    }
}
