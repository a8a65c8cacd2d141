using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Admin;
using Marketplace.Api.Categories;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// /api/admin over HTTP: who may call it, what each action changes as users see it, and the one audit row each change
/// writes with it (and that a refused change does not).
/// </summary>
public sealed class AdminApiTests(SharedApi shared, PostgresServer server) : IClassFixture<SharedApi>
{
    private ApiApp App => shared.App;

    [Fact]
    public async Task Anonymous_callers_get_401_and_non_admins_403_problems_on_reads_and_writes_alike()
    {
        var user = await App.SignUpAsync();
        using var anonymous = App.CreateClient();
        var category = new { name = "Kites", slug = UniqueSlug("kites") };

        await (await anonymous.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/admin/categories", category, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await user.Client.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsJsonAsync("/api/admin/categories", category, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/suspend", new { reason = "I can't" }, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await App.Db.ScalarAsync<long>($"""SELECT count(*) FROM "Category" WHERE "Slug" = '{category.slug}'""", Ct));
    }

    [Fact]
    public async Task Creating_a_category_shows_it_in_the_public_tree_and_writes_one_audit_row_with_what_was_created()
    {
        var admin = await App.SignUpAdminAsync();
        var slug = UniqueSlug("kites");
        var parentId = await App.Db.ScalarAsync<int>("""SELECT "Id" FROM "Category" WHERE "Slug" = 'sports'""", Ct);

        var created = await (await admin.Client.PostAsJsonAsync("/api/admin/categories",
            new { name = "Kites", slug, description = "Stunt and power kites.", parentId, sortOrder = 3 }, Ct))
            .ReadAsync<AdminCategoryResponse>(HttpStatusCode.Created);

        Assert.Equal(new AdminCategoryResponse(created.Id, "Kites", slug, "Stunt and power kites.", parentId, 3, true), created);
        var shown = await (await App.CreateClient().GetAsync($"/api/categories/{slug}", Ct)).ReadAsync<CategoryDetailResponse>();
        Assert.Equal(["sports", slug], shown.Path.Select(p => p.Slug));
        var entry = Assert.Single(await App.AuditAsync(admin, $"targetType=Category&targetId={created.Id}"));
        Assert.Equal(("CategoryCreated", admin.Id), (entry.GetProperty("action").GetString(), entry.GetProperty("adminId").GetGuid()));
        var details = entry.GetProperty("details");
        Assert.Equal(JsonValueKind.Null, details.GetProperty("before").ValueKind);
        Assert.Equal(slug, details.GetProperty("after").GetProperty("slug").GetString());
        Assert.Equal(parentId, details.GetProperty("after").GetProperty("parentId").GetInt32());
    }

    [Fact]
    public async Task A_refused_change_writes_no_audit_row_a_taken_slug_409_an_unknown_parent_or_category_404_bad_input_400()
    {
        var admin = await App.SignUpAdminAsync();

        await (await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = "Again", slug = "furniture" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = "Orphan", slug = UniqueSlug("orphan"), parentId = int.MaxValue }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsJsonAsync("/api/admin/categories", new { name = "Bad", slug = "Not A Slug" }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "slug");
        await (await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{int.MaxValue}", new { name = "Nothing" }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PatchAsJsonAsync("/api/admin/categories/1", new { }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{long.MaxValue}/remove", new { reason = "Spam" }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PostAsJsonAsync("/api/admin/listings/1/remove", new { }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await admin.Client.PostAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/suspend", new { reason = "Spam" }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.PutAsJsonAsync($"/api/admin/users/{admin.Id}/role", new { role = "Owner" }, Ct))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "role");

        Assert.Empty(await App.AuditAsync(admin, $"adminId={admin.Id}"));
    }

    [Fact]
    public async Task Rename_reorder_deactivate_and_reactivate_show_in_the_cached_public_tree_at_once_each_with_its_audit_row()
    {
        // A cache that would serve the old tree for ten minutes: only dropping it on write shows the change.
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?> { ["Categories:CacheDuration"] = "00:10:00" }, cancellationToken: Ct);
        var admin = await app.SignUpAdminAsync();
        using var visitor = app.CreateClient();
        var id = await app.Db.ScalarAsync<int>("""SELECT "Id" FROM "Category" WHERE "Slug" = 'toys'""", Ct);
        Assert.Contains(await TreeAsync(visitor), c => c.Slug == "toys");

        (await admin.Client.PatchAsJsonAsync($"/api/admin/categories/{id}", new { name = "Toys and games", description = "For all ages." }, Ct)).EnsureSuccessStatusCode();
        var renamed = Assert.Single(await TreeAsync(visitor), c => c.Slug == "toys");
        (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{id}/reorder", new { sortOrder = -0 }, Ct)).EnsureSuccessStatusCode();
        var first = (await TreeAsync(visitor))[0];
        (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{id}/deactivate", new { reason = "Recall" }, Ct)).EnsureSuccessStatusCode();
        var withoutToys = await TreeAsync(visitor);
        var lookup = await visitor.GetAsync("/api/categories/toys", Ct);
        await (await admin.Client.PostAsync($"/api/admin/categories/{id}/deactivate", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        (await admin.Client.PostAsync($"/api/admin/categories/{id}/reactivate", null, Ct)).EnsureSuccessStatusCode();
        var withToys = await TreeAsync(visitor);

        Assert.Equal(("Toys and games", "For all ages."), (renamed.Name, renamed.Description));
        Assert.Equal("toys", first.Slug);
        Assert.DoesNotContain(withoutToys, c => c.Slug == "toys");
        await lookup.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(withToys, c => c.Slug == "toys");
        var entries = await app.AuditAsync(admin, $"targetType=Category&targetId={id}");
        Assert.Equal(["CategoryReactivated", "CategoryDeactivated", "CategoryReordered", "CategoryUpdated"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Recall", entries[1].GetProperty("details").GetProperty("reason").GetString());
        Assert.True(entries[1].GetProperty("details").GetProperty("before").GetProperty("isActive").GetBoolean());
        Assert.Equal("Toys", entries[3].GetProperty("details").GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("Toys and games", entries[3].GetProperty("details").GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(0, entries[2].GetProperty("details").GetProperty("after").GetProperty("sortOrder").GetInt32());
    }

    [Fact]
    public async Task A_category_moves_with_its_subtree_but_never_under_itself_or_its_own_subtree_409()
    {
        var admin = await App.SignUpAdminAsync();
        var top = await App.AddCategoryAsync(UniqueSlug("top"), parentSlug: null);
        var middleSlug = UniqueSlug("middle");
        var middle = await App.AddCategoryAsync(middleSlug, parentSlug: await SlugAsync(top));
        var bottom = await App.AddCategoryAsync(UniqueSlug("bottom"), parentSlug: middleSlug);
        var elsewhere = await App.Db.ScalarAsync<int>("""SELECT "Id" FROM "Category" WHERE "Slug" = 'sports'""", Ct);

        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{top}/move", new { parentId = bottom }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{top}/move", new { parentId = middle }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{top}/move", new { parentId = top }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{top}/move", new { parentId = int.MaxValue }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await App.AuditAsync(admin, $"targetType=Category&targetId={top}"));

        var moved = await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{middle}/move", new { parentId = elsewhere }, Ct)).ReadAsync<AdminCategoryResponse>();
        var path = await (await App.CreateClient().GetAsync($"/api/categories/{await SlugAsync(bottom)}", Ct)).ReadAsync<CategoryDetailResponse>();
        var toRoot = await (await admin.Client.PostAsJsonAsync($"/api/admin/categories/{middle}/move", new { parentId = (int?)null }, Ct)).ReadAsync<AdminCategoryResponse>();

        Assert.Equal(elsewhere, moved.ParentId);
        Assert.Equal(["sports", middleSlug, await SlugAsync(bottom)], path.Path.Select(p => p.Slug));
        Assert.Null(toRoot.ParentId);
        var entries = await App.AuditAsync(admin, $"targetType=Category&targetId={middle}");
        Assert.Equal(["CategoryMoved", "CategoryMoved"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(top, entries[1].GetProperty("details").GetProperty("before").GetProperty("parentId").GetInt32());
        Assert.Equal(elsewhere, entries[1].GetProperty("details").GetProperty("after").GetProperty("parentId").GetInt32());
    }

    [Fact]
    public async Task A_removed_listing_is_hidden_from_search_and_GET_but_not_from_its_seller_and_admins_and_restoring_shows_it_again()
    {
        var admin = await App.SignUpAdminAsync();
        var seller = await App.SignUpAsync();
        var other = await App.SignUpAsync();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var listing = await seller.CreateListingAsync(title: $"Replica watch {word}");
        using var anonymous = App.CreateClient();

        using (var removed = await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Counterfeit" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Empty((await SearchAsync(anonymous, word)).Items);
        Assert.Empty((await SearchAsync(seller.Client, word)).Items);
        Assert.Empty((await SearchAsync(anonymous, $"{word}&sellerId={seller.Id}")).Items);
        await (await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/listings/{listing.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotNull((await (await seller.Client.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).RemovedAt);
        Assert.NotNull((await (await admin.Client.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).RemovedAt);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/listings/{listing.Id}/remove", new { reason = "Twice" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);

        using (var restored = await admin.Client.PostAsync($"/api/admin/listings/{listing.Id}/restore", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        Assert.Equal([listing.Id], (await SearchAsync(anonymous, word)).Items.Select(l => l.Id));
        Assert.Null((await (await anonymous.GetAsync($"/api/listings/{listing.Id}", Ct)).ReadAsync<ListingResponse>()).RemovedAt);
        await (await admin.Client.PostAsync($"/api/admin/listings/{listing.Id}/restore", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        var entries = await App.AuditAsync(admin, $"targetType=Listing&targetId={listing.Id}");
        Assert.Equal(["ListingRestored", "ListingRemoved"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Counterfeit", entries[1].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("Counterfeit", entries[0].GetProperty("details").GetProperty("before").GetProperty("removalReason").GetString());
        Assert.Equal(admin.Id, entries[0].GetProperty("details").GetProperty("before").GetProperty("removedById").GetGuid());
    }

    [Fact]
    public async Task A_suspended_user_cannot_log_in_403_only_with_the_right_password_their_old_token_is_401_and_reinstating_lets_them_back()
    {
        var admin = await App.SignUpAdminAsync();
        var user = await App.SignUpAsync();
        using var anonymous = App.CreateClient();
        await AssertSignedInAsync(user.Client);

        using (var suspended = await admin.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/suspend", new { reason = "Spam listings" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspended.StatusCode);
        }

        var problem = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("suspended", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "a wrong password" }, Ct))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await user.Client.DeleteAsync($"/api/listings/{long.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/suspend", new { reason = "Again" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.Client.PostAsJsonAsync($"/api/admin/users/{admin.Id}/suspend", new { reason = "Me" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);

        using (var reinstated = await admin.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/reinstate", new { reason = "Appeal granted" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reinstated.StatusCode);
        }

        await AssertSignedInAsync(App.CreateClient(await App.LoginAsync(user.Email, user.Password)));
        var entries = await App.AuditAsync(admin, $"targetType=User&targetId={user.Id}");
        Assert.Equal(["UserReinstated", "UserSuspended"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Spam listings", entries[1].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("Appeal granted", entries[0].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("Spam listings", entries[0].GetProperty("details").GetProperty("before").GetProperty("suspensionReason").GetString());
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_409_and_a_role_change_retires_the_tokens_issued_before()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var first = await app.SignUpAdminAsync();
        var user = await app.SignUpAsync();

        await (await first.Client.PutAsJsonAsync($"/api/admin/users/{first.Id}/role", new { role = "User" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        using (var promoted = await first.Client.PutAsJsonAsync($"/api/admin/users/{user.Id}/role", new { role = "Admin", reason = "New moderator" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, promoted.StatusCode);
        }

        // The token from before still says User: it is retired, and a new login carries Admin.
        await (await user.Client.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = user with { Client = app.CreateClient(await app.LoginAsync(user.Email, user.Password)) };
        (await second.Client.GetAsync("/api/admin/audit-log", Ct)).EnsureSuccessStatusCode();
        // A suspended admin does not count as the one that remains.
        (await first.Client.PostAsJsonAsync($"/api/admin/users/{second.Id}/suspend", new { reason = "Lost laptop" }, Ct)).EnsureSuccessStatusCode();
        await (await first.Client.PutAsJsonAsync($"/api/admin/users/{first.Id}/role", new { role = "User" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        (await first.Client.PostAsync($"/api/admin/users/{second.Id}/reinstate", null, Ct)).EnsureSuccessStatusCode();
        await (await first.Client.PutAsJsonAsync($"/api/admin/users/{second.Id}/role", new { role = "Admin" }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);

        using (var demoted = await first.Client.PutAsJsonAsync($"/api/admin/users/{first.Id}/role", new { role = "User" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        }

        await (await first.Client.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // The suspension retired second's token too; reinstated, they log in again.
        await (await second.Client.GetAsync("/api/admin/audit-log", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        second = second with { Client = app.CreateClient(await app.LoginAsync(user.Email, user.Password)) };
        var entries = await app.AuditAsync(second, "action=UserRoleChanged");
        Assert.Equal([first.Id.ToString(), user.Id.ToString()], entries.Select(e => e.GetProperty("targetId").GetString()));
        Assert.Equal(("Admin", "User"), (entries[0].GetProperty("details").GetProperty("before").GetProperty("role").GetString(),
            entries[0].GetProperty("details").GetProperty("after").GetProperty("role").GetString()));
        Assert.Equal("New moderator", entries[1].GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_audit_log_filters_by_admin_action_target_and_time_newest_first_a_keyset_page_at_a_time()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        var alice = await app.SignUpAdminAsync();
        var bob = await app.SignUpAdminAsync();
        var slugs = Enumerable.Range(0, 5).Select(i => UniqueSlug($"c{i}")).ToList();
        var ids = new List<int>();
        foreach (var slug in slugs)
        {
            ids.Add((await (await alice.Client.PostAsJsonAsync("/api/admin/categories", new { name = slug, slug }, Ct)).ReadAsync<AdminCategoryResponse>(HttpStatusCode.Created)).Id);
        }

        var middle = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        (await bob.Client.PostAsync($"/api/admin/categories/{ids[0]}/deactivate", null, Ct)).EnsureSuccessStatusCode();
        (await bob.Client.PatchAsJsonAsync($"/api/admin/categories/{ids[1]}", new { name = "Renamed" }, Ct)).EnsureSuccessStatusCode();

        var pages = new List<AuditLogPage>();
        string? cursor = null;
        do
        {
            var page = await (await alice.Client.GetAsync($"/api/admin/audit-log?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}", Ct)).ReadAsync<AuditLogPage>();
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var all = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(all.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => e.Id), all.Select(e => e.Id));
        Assert.Equal(7, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["CategoryUpdated", "CategoryDeactivated"], all.Take(2).Select(e => e.Action.ToString()));
        Assert.Equal(2, (await app.AuditAsync(alice, $"adminId={bob.Id}")).Count);
        Assert.Equal(5, (await app.AuditAsync(alice, $"adminId={alice.Id}&action=CategoryCreated&targetType=Category")).Count);
        Assert.Empty(await app.AuditAsync(alice, $"action=CategoryCreated&targetType=Listing"));
        Assert.Single(await app.AuditAsync(alice, $"targetId={ids[1]}&action=CategoryUpdated"));
        var since = Uri.EscapeDataString(middle.ToString("O"));
        Assert.Equal(2, (await app.AuditAsync(alice, $"from={since}")).Count);
        Assert.Equal(5, (await app.AuditAsync(alice, $"to={since}")).Count);
        await (await alice.Client.GetAsync("/api/admin/audit-log?cursor=forged", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await alice.Client.GetAsync("/api/admin/audit-log?limit=0", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await alice.Client.GetAsync($"/api/admin/audit-log?from={since}&to={since}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    private async Task<string> SlugAsync(int id) =>
        await App.Db.ScalarAsync<string>($"""SELECT "Slug" FROM "Category" WHERE "Id" = {id}""", Ct);

    private static async Task<IReadOnlyList<CategoryResponse>> TreeAsync(HttpClient client) =>
        await (await client.GetAsync("/api/categories", Ct)).ReadAsync<IReadOnlyList<CategoryResponse>>();

    private static async Task<ListingPage> SearchAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/listings?q={query}", Ct)).ReadAsync<ListingPage>();

    /// <summary>Archiving a listing that exists nowhere: 404 when the token is accepted (401 when not).</summary>
    private static async Task AssertSignedInAsync(HttpClient client) =>
        await (await client.DeleteAsync($"/api/listings/{long.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
}

/// <summary>Admins for the tests: an account made admin in the table (create-admin's own tests go through the worker).</summary>
public static class AdminCalls
{
    public static async Task<Account> SignUpAdminAsync(this ApiApp app)
    {
        var account = await app.SignUpAsync();
        await app.Db.ExecuteAsync($"""UPDATE "User" SET "Role" = 'admin', "EmailVerifiedAt" = now() WHERE "Id" = '{account.Id}'""", Ct);
        var token = await app.LoginAsync(account.Email, account.Password);
        return account with { AccessToken = token, Client = app.CreateClient(token) };
    }

    /// <summary>The audit-log entries matching <paramref name="query"/>, newest first (one page of up to 200).</summary>
    public static async Task<List<JsonElement>> AuditAsync(this ApiApp app, Account admin, string query)
    {
        var page = await (await admin.Client.GetAsync($"/api/admin/audit-log?limit=200&{query}", Ct)).ReadAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
