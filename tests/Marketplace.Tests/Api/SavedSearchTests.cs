using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Saved searches: a buyer keeps a search with its filters, sees how many listings it found since they last looked,
/// and gets alert mails (immediate or a daily digest) that the alert job queues in the outbox, once per listing even
/// across restarts, each with an unsubscribe link that needs no sign-in (its page's GET changes nothing, its POST and
/// the mail's one-click List-Unsubscribe-Post stop that search's alerts, and nothing else).
/// </summary>
public sealed class SavedSearchTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private static readonly Dictionary<string, string?> QuickAlerts = new() { ["SavedSearches:AlertInterval"] = "00:00:00.100" };

    private ApiApp App => shared.App;

    [Fact]
    public async Task A_new_listing_the_search_finds_is_mailed_at_once_with_a_one_click_unsubscribe_link_that_stops_further_alerts()
    {
        await using var app = await ApiApp.CreateAsync(server, QuickAlerts, cancellationToken: Ct);
        var buyer = await app.SignUpAsync();
        var seller = await app.SignUpAsync();
        var search = await SaveAsync(buyer, new { q = "walnut", categorySlug = "furniture", maxPrice = "300", alerts = "Immediate" });
        var before = app.Inbox.MailsTo(buyer.Email).Count;

        var desk = await seller.CreateListingAsync("Walnut desk", price: 250m);
        await seller.CreateListingAsync("Walnut wardrobe", price: 900m);
        await seller.CreateListingAsync("Oak desk", price: 100m, description: "Solid oak, a few scratches.");
        await buyer.CreateListingAsync("Walnut stool of my own", price: 20m);

        var alert = await app.Inbox.WaitForMailAsync(buyer.Email, before + 1, cancellationToken: Ct);
        Assert.Equal("A new listing for “walnut” in Furniture, up to 300.00 EUR", alert.Subject);
        Assert.Contains("Walnut desk", alert.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("wardrobe", alert.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Oak", alert.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("stool", alert.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(seller.Email, alert.Message.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{ApiApp.PublicBaseUrl}/listings/{desk.Id}", alert.Link($"/listings/{desk.Id}").AbsoluteUri);
        var unsubscribe = alert.Link("/alerts/unsubscribe");
        Assert.Equal($"<{unsubscribe.AbsoluteUri}>", alert.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", alert.Message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(unsubscribe.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), alert.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", alert.TextBody + alert.HtmlBody, StringComparison.Ordinal);
        // The outbox row holds no token: the link is minted when the mail is sent.
        var token = System.Web.HttpUtility.ParseQueryString(unsubscribe.Query)["token"]!;
        Assert.Equal(0L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "OutboxMail" WHERE "TextBody" LIKE '%{token}%' OR "HtmlBody" LIKE '%{token}%'""", Ct));

        // Reading the link changes nothing (mail scanners follow links); it names the search and nothing of its owner.
        using var anonymous = app.CreateClient();
        var described = await (await anonymous.GetAsync($"/api/alerts/unsubscribe{unsubscribe.Query}", Ct)).ReadAsync<AlertSubscriptionResponse>();
        Assert.Equal((search.Id, "walnut", "furniture", AlertFrequency.Immediate), (described.SavedSearchId, described.Q, described.CategorySlug, described.Alerts));
        Assert.Equal(AlertFrequency.Immediate, (await ListAsync(buyer)).Single().Alerts);
        await (await anonymous.PostAsJsonAsync("/api/alerts/unsubscribe", new { search = search.Id, token = token[..^2] + "AA" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.PostAsJsonAsync("/api/alerts/unsubscribe", new { search = search.Id + 1, token }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        using var stopped = await anonymous.PostAsJsonAsync("/api/alerts/unsubscribe", new { search = search.Id, token }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Equal(AlertFrequency.Off, (await ListAsync(buyer)).Single().Alerts);
        await seller.CreateListingAsync("Walnut chair", price: 60m);
        // The job matched it (the search still counts it) and mailed nothing.
        await app.Db.WaitUntilAsync("""NOT EXISTS (SELECT 1 FROM "SavedSearchMatch" WHERE "AlertedAt" IS NULL) AND NOT EXISTS (SELECT 1 FROM "Listing" WHERE "MatchPendingSince" IS NOT NULL)""",
            "the alert job matched the chair and dealt with it", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(2, (await ListAsync(buyer)).Single().NewMatches);
        await Task.Delay(500, Ct);
        Assert.Equal(before + 1, app.Inbox.MailsTo(buyer.Email).Count);
    }

    [Fact]
    public async Task A_daily_digest_names_every_match_since_the_last_in_one_mail_at_most_once_per_interval_and_a_restart_mails_nothing_twice()
    {
        var settings = new Dictionary<string, string?>(QuickAlerts) { ["SavedSearches:DigestInterval"] = "00:00:04" };
        await using var app = await ApiApp.CreateAsync(server, settings, cancellationToken: Ct);
        var buyer = await app.SignUpAsync();
        var seller = await app.SignUpAsync();
        await SaveAsync(buyer, new { categorySlug = "electronics", condition = "LikeNew", alerts = "Daily" });
        var before = app.Inbox.MailsTo(buyer.Email).Count;

        await CreateAsync(seller, "Radio", "electronics", "LikeNew");
        var first = await app.Inbox.WaitForMailAsync(buyer.Email, before + 1, cancellationToken: Ct);
        await CreateAsync(seller, "Camera", "electronics", "LikeNew");
        await CreateAsync(seller, "Phone", "electronics", "LikeNew");
        await CreateAsync(seller, "Broken phone", "electronics", "ForParts");

        var digest = await app.Inbox.WaitForMailAsync(buyer.Email, before + 2, cancellationToken: Ct);
        Assert.Equal("A new listing for everything for sale in Electronics, like new", first.Subject);
        Assert.Equal("2 new listings for everything for sale in Electronics, like new", digest.Subject);
        Assert.Contains("Camera", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Phone", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken", digest.TextBody, StringComparison.Ordinal);
        Assert.True(digest.Message.Date - first.Message.Date >= TimeSpan.FromSeconds(3), $"{first.Message.Date:O} then {digest.Message.Date:O}");

        // A second replica runs the job too (one at a time): what was mailed is recorded with its mail, so nothing goes twice.
        await using (var replica = app.CreateReplica())
        {
            replica.CreateClient().Dispose();
            await Task.Delay(TimeSpan.FromSeconds(6), Ct);
        }

        Assert.Equal(before + 2, app.Inbox.MailsTo(buyer.Email).Count);
        Assert.Equal(3L, await app.Db.ScalarAsync<long>("""SELECT count(*) FROM "SavedSearchMatch" WHERE "OutboxMailId" IS NOT NULL""", Ct));
    }

    [Fact]
    public async Task A_saved_search_finds_exactly_what_the_search_with_its_filters_finds()
    {
        await using var app = await ApiApp.CreateAsync(server, QuickAlerts, cancellationToken: Ct);
        await app.AddCategoryAsync("chairs", parentSlug: "furniture");
        var hidden = await app.AddCategoryAsync("hidden-stools", parentSlug: "furniture", active: false);
        var buyer = await app.SignUpAsync();
        var seller = await app.SignUpAsync();
        object[] filters =
        [
            new { },
            new { categorySlug = "furniture" },
            new { categorySlug = "chairs" },
            new { q = "\"red chair\" -broken" },
            new { minPrice = "10", maxPrice = "50" },
            new { condition = "Good" },
            new { q = "chair", categorySlug = "furniture", maxPrice = "40", condition = "Fair" },
        ];
        var searches = new List<SavedSearchResponse>();
        foreach (var filter in filters)
        {
            searches.Add(await SaveAsync(buyer, filter));
        }

        await CreateAsync(seller, "Red chair", "chairs", "Good", 30m);
        await CreateAsync(seller, "Red chair, broken", "chairs", "ForParts", 5m);
        await CreateAsync(seller, "Blue chair", "furniture", "Fair", 40m);
        await CreateAsync(seller, "Red chair", "furniture", null, 45m);
        // Filed under a category an admin hid since (written as the Api writes a listing it publishes).
        await app.Db.ExecuteAsync($"""
            INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "Condition", "MatchPendingSince")
            VALUES ('Stool', 'As seen.', 12, 'furniture', {hidden}, 'active', '{seller.Id}', 'good', now())
            """, Ct);
        await CreateAsync(seller, "Red chair lamp", "electronics", "Fair", 60m);
        await CreateAsync(seller, "Draft chair", "chairs", "Good", 20m, status: "Draft");
        await app.Db.WaitUntilAsync("""NOT EXISTS (SELECT 1 FROM "Listing" WHERE "MatchPendingSince" IS NOT NULL)""", "the alert job matched every listing", TimeSpan.FromSeconds(30), Ct);

        using var anonymous = app.CreateClient();
        var counts = (await ListAsync(buyer)).ToDictionary(s => s.Id, s => s.NewMatches);
        var sizes = new List<int>();
        foreach (var search in searches)
        {
            var query = string.Join('&', new (string Key, string? Value)[]
            {
                ("q", search.Q), ("categorySlug", search.CategorySlug), ("minPrice", search.MinPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("maxPrice", search.MaxPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("condition", search.Condition?.ToString()),
            }.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
            var found = (await (await anonymous.GetAsync($"/api/listings?{query}&limit=100", Ct)).ReadAsync<ListingPage>()).Items.Select(l => l.Id).Order();
            var matched = (await app.Db.ColumnAsync($"""SELECT "ListingId"::text FROM "SavedSearchMatch" WHERE "SavedSearchId" = {search.Id}""", Ct)).Select(long.Parse).Order();
            Assert.True(found.SequenceEqual(matched), $"{query}: the search finds [{string.Join(", ", found)}], the saved search [{string.Join(", ", matched)}]");
            Assert.Equal(matched.Count(), counts[search.Id]);
            sizes.Add(matched.Count());
        }

        // Every filter narrows something: none of the comparisons above is between two empty lists.
        Assert.Equal([6, 4, 2, 3, 4, 2, 1], sizes);
    }

    [Fact]
    public async Task New_matches_count_from_the_last_visit_and_a_buyer_keeps_changes_and_deletes_only_their_own_searches()
    {
        await using var app = await ApiApp.CreateAsync(server, QuickAlerts, cancellationToken: Ct);
        var buyer = await app.SignUpAsync();
        var other = await app.SignUpAsync();
        var seller = await app.SignUpAsync();
        var search = await SaveAsync(buyer, new { q = "kayak" });
        await seller.CreateListingAsync("Kayak, two seats", categorySlug: "sports");
        await app.Db.WaitUntilAsync("""EXISTS (SELECT 1 FROM "SavedSearchMatch")""", "the alert job matched the kayak", TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(1, (await ListAsync(buyer)).Single().NewMatches);
        var visited = await (await buyer.Client.PostAsync($"/api/me/saved-searches/{search.Id}/visit", null, Ct)).ReadAsync<SavedSearchResponse>();
        Assert.Equal(0, visited.NewMatches);
        Assert.Equal(0, (await ListAsync(buyer)).Single().NewMatches);

        var changed = await (await buyer.Client.PatchAsJsonAsync($"/api/me/saved-searches/{search.Id}", new { alerts = "Daily" }, Ct)).ReadAsync<SavedSearchResponse>();
        Assert.Equal(AlertFrequency.Daily, changed.Alerts);
        await (await other.Client.PatchAsJsonAsync($"/api/me/saved-searches/{search.Id}", new { alerts = "Off" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PostAsync($"/api/me/saved-searches/{search.Id}/visit", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync($"/api/me/saved-searches/{search.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListAsync(other));

        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Client.DeleteAsync($"/api/me/saved-searches/{search.Id}", Ct)).StatusCode);
        Assert.Empty(await ListAsync(buyer));
        Assert.Equal(0L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "SavedSearchMatch" WHERE "SavedSearchId" = {search.Id}""", Ct));
    }

    [Fact]
    public async Task A_search_with_a_wrong_filter_is_a_400_naming_each_field_and_an_account_keeps_at_most_50()
    {
        var buyer = await App.SignUpAsync();

        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { categorySlug = "no-such-category" }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "categorySlug");
        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { minPrice = "50", maxPrice = "10" }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "maxPrice");
        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { minPrice = "1.234" }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "minPrice");
        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { alerts = "Hourly" }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "alerts");
        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { condition = "Mint" }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "condition");
        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { q = new string('a', 201) }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "q");
        Assert.Empty(await ListAsync(buyer));

        for (var i = 0; i < SavedSearchRules.MaxPerAccount; i++)
        {
            await SaveAsync(buyer, new { q = $"thing {i}" });
        }

        await (await buyer.Client.PostAsJsonAsync("/api/me/saved-searches", new { q = "one more" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(SavedSearchRules.MaxPerAccount, (await ListAsync(buyer)).Count);
    }

    private static async Task<SavedSearchResponse> SaveAsync(Account account, object search) =>
        await (await account.Client.PostAsJsonAsync("/api/me/saved-searches", search, Ct)).ReadAsync<SavedSearchResponse>(HttpStatusCode.Created);

    private static async Task<IReadOnlyList<SavedSearchResponse>> ListAsync(Account account) =>
        (await (await account.Client.GetAsync("/api/me/saved-searches", Ct)).ReadAsync<SavedSearchList>()).Items;

    private static async Task CreateAsync(Account seller, string title, string categorySlug, string? condition, decimal price = 25m, string status = "Active")
    {
        using var response = await seller.Client.PostAsJsonAsync("/api/listings",
            new { title, description = "As seen.", price, categorySlug, condition, status }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }
}
