using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// What admins look up before they act: listings in every state by words or seller, accounts by a part of their address
/// or name, one account's record, and the whole category tree with its inactive categories; and moving a category one
/// place up or down among its siblings, in one audit row.
/// </summary>
public sealed class AdminLookupTests(SharedApi shared) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Admins_find_listings_in_every_state_by_words_or_seller_newest_first_with_seller_removal_and_open_reports()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var reporter = await App.SignUpAsync();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var draft = await seller.CreateListingAsync($"Draft lamp {word}", status: "Draft");
        var removed = await seller.CreateListingAsync($"Removed lamp {word}");
        var active = await seller.CreateListingAsync($"Active lamp {word}");
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{removed.Id}/remove", new { reason = "Spam" }, Ct)).EnsureSuccessStatusCode();
        await ReportQueueTests.ReportAsync(reporter, active, "Fake.");

        var byWords = await FindListingsAsync(admin, $"q={word}");
        var bySeller = await FindListingsAsync(admin, $"sellerEmail={seller.Email.ToUpperInvariant()}");
        var bySellerId = await FindListingsAsync(admin, $"sellerId={seller.Id}&limit=2");
        var one = await (await admin.Client.GetAsync($"/api/admin/listings/{removed.Id}", Ct)).ReadAsync<AdminListingResponse>();

        Assert.Equal([active.Id, removed.Id, draft.Id], byWords.Items.Select(i => i.Listing.Id));
        Assert.Equal([active.Id, removed.Id, draft.Id], bySeller.Items.Select(i => i.Listing.Id));
        Assert.Equal([active.Id, removed.Id], bySellerId.Items.Select(i => i.Listing.Id));
        Assert.Equal([draft.Id], (await FindListingsAsync(admin, $"sellerId={seller.Id}&limit=2&cursor={bySellerId.NextCursor}")).Items.Select(i => i.Listing.Id));
        Assert.Equal((1, null, seller.Email, "EUR"), (byWords.Items[0].OpenReports, byWords.Items[0].RemovalReason, byWords.Items[0].Seller.Email, byWords.Items[0].Listing.Currency));
        Assert.Equal(ListingStatus.Draft, byWords.Items[2].Listing.Status);
        Assert.Equal(("Spam", 0), (one.RemovalReason, one.OpenReports));
        Assert.NotNull(one.Listing.RemovedAt);
        Assert.Equal([], one.Listing.Images!);
        Assert.Empty((await FindListingsAsync(admin, "sellerEmail=nobody@example.com")).Items);
        await (await admin.Client.GetAsync("/api/admin/listings", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "q");
        await (await admin.Client.GetAsync($"/api/admin/listings?q={word}&cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await admin.Client.GetAsync($"/api/admin/listings/{long.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await seller.Client.GetAsync($"/api/admin/listings?q={word}", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admins_find_accounts_by_a_part_of_the_email_or_name_and_review_one_with_its_listings_reports_and_history()
    {
        var admin = await App.SignUpAdminAsync();
        var tag = $"zq{Guid.NewGuid():N}"[..10];
        var seller = await App.SignUpAsync($"ada-{tag}@example.com");
        await App.Db.ExecuteAsync($"""UPDATE "User" SET "DisplayName" = 'Ada 100%_{tag}' WHERE "Id" = '{seller.Id}'""", Ct);
        var other = await App.SignUpAsync($"bob-{tag}@example.com");
        var reporter = await App.SignUpAsync();
        var lamp = await seller.CreateListingAsync("Lamp");
        var chair = await seller.CreateListingAsync("Chair");
        await ReportQueueTests.ReportAsync(reporter, lamp, "Fake.");
        await ReportQueueTests.ReportAsync(reporter, chair, "Fake too.");
        (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{chair.Id}/remove", new { reason = "Spam" }, Ct)).EnsureSuccessStatusCode();
        (await admin.Client.PostAsJsonAsync($"/api/admin/users/{seller.Id}/suspend", new { reason = "Spam" }, Ct)).EnsureSuccessStatusCode();

        var byEmail = await FindUsersAsync(admin, $"q={tag.ToUpperInvariant()}");
        var byName = await FindUsersAsync(admin, $"q={Uri.EscapeDataString("100%_" + tag)}");
        var suspended = await FindUsersAsync(admin, $"q={tag}&suspended=true");
        var paged = await FindUsersAsync(admin, $"q={tag}&limit=1");
        var admins = await FindUsersAsync(admin, "role=Admin&limit=200");
        var record = await (await admin.Client.GetAsync($"/api/admin/users/{seller.Id}", Ct)).ReadAsync<AdminUserResponse>();

        Assert.Equal([other.Id, seller.Id], byEmail.Items.Select(u => u.Id));
        Assert.Equal([seller.Id], byName.Items.Select(u => u.Id));
        Assert.Equal([seller.Id], suspended.Items.Select(u => u.Id));
        Assert.Equal([other.Id], paged.Items.Select(u => u.Id));
        Assert.Equal([seller.Id], (await FindUsersAsync(admin, $"q={tag}&limit=1&cursor={paged.NextCursor}")).Items.Select(u => u.Id));
        Assert.Contains(admins.Items, u => u.Id == admin.Id);
        Assert.All(admins.Items, u => Assert.Equal(UserRole.Admin, u.Role));
        Assert.Equal((seller.Email, "Spam", 2, 0, 2, 0), (record.User.Email, record.SuspensionReason, record.Listings, record.ActiveListings, record.ReportsAgainst, record.OpenReportsAgainst));
        Assert.NotNull(record.User.SuspendedAt);
        Assert.NotNull(record.User.EmailVerifiedAt);
        Assert.Equal(new ModerationHistory(1, 1), record.History);
        await (await admin.Client.GetAsync($"/api/admin/users/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.GetAsync("/api/admin/users?cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await other.Client.GetAsync("/api/admin/users", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admins_read_the_whole_tree_with_inactive_categories_and_move_one_up_and_down_among_its_siblings()
    {
        var admin = await App.SignUpAdminAsync();
        var parent = UniqueSlug("parent");
        await App.AddCategoryAsync(parent, parentSlug: null, sortOrder: 90);
        var first = await App.AddCategoryAsync(UniqueSlug("a"), parent, sortOrder: 0);
        var second = await App.AddCategoryAsync(UniqueSlug("b"), parent, sortOrder: 0, active: false);
        var third = await App.AddCategoryAsync(UniqueSlug("c"), parent, sortOrder: 5);

        var tree = await TreeAsync(admin);
        var up = await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{third}/reorder", new { direction = "Up" }, Ct)).ReadAsync<AdminCategoryResponse>();
        var afterUp = await TreeAsync(admin);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{first}/reorder", new { direction = "Up" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{first}/reorder", new { direction = "Down" }, Ct)).EnsureSuccessStatusCode();
        var afterDown = await TreeAsync(admin);

        var parentId = tree.Single(c => c.Slug == parent).Id;
        Assert.Equal([first, second, third], tree.Where(c => c.ParentId == parentId).Select(c => c.Id));
        Assert.False(tree.Single(c => c.Id == second).IsActive);
        Assert.Equal(10, up.SortOrder);
        Assert.Equal([first, third, second], afterUp.Where(c => c.ParentId == parentId).Select(c => c.Id));
        Assert.Equal([third, first, second], afterDown.Where(c => c.ParentId == parentId).Select(c => c.Id));
        Assert.DoesNotContain(await (await App.CreateClient().GetAsync("/api/categories", Ct)).ReadAsync<List<Marketplace.Contracts.Categories.CategoryResponse>>(),
            c => c.Id == second);
        var entries = await App.AuditAsync(admin, $"targetType=Category&targetId={third}");
        var entry = Assert.Single(entries);
        Assert.Equal("CategoryReordered", entry.GetProperty("action").GetString());
        Assert.Equal([first, second, third], entry.GetProperty("details").GetProperty("before").GetProperty("order").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([first, third, second], entry.GetProperty("details").GetProperty("after").GetProperty("order").EnumerateArray().Select(e => e.GetInt32()));
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{first}/reorder", new { direction = "Up", sortOrder = 3 }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "sortOrder");
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{first}/reorder", new { }, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "sortOrder");
    }

    private static async Task<AdminListingPage> FindListingsAsync(Account admin, string query) =>
        await (await admin.Client.GetAsync($"/api/admin/listings?{query}", Ct)).ReadAsync<AdminListingPage>();

    private static async Task<AdminUserPage> FindUsersAsync(Account admin, string query) =>
        await (await admin.Client.GetAsync($"/api/admin/users?{query}", Ct)).ReadAsync<AdminUserPage>();

    private static async Task<List<AdminCategoryResponse>> TreeAsync(Account admin) =>
        await (await admin.Client.GetAsync("/api/admin/categories", Ct)).ReadAsync<List<AdminCategoryResponse>>();
}
