using System.Net;
using Marketplace.Api.Categories;
using Marketplace.Contracts.Categories;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>GET /api/categories and /api/categories/{slug}, and how the in-memory cache stays correct after a change.</summary>
public sealed class CategoriesApiTests(PostgresServer server)
{
    [Fact]
    public async Task The_tree_is_the_ten_base_categories_in_order_with_active_subcategories_nested()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        await app.AddCategoryAsync("tablets", parentSlug: "electronics", sortOrder: 20);
        await app.AddCategoryAsync("phones", parentSlug: "electronics", sortOrder: 10);
        await app.AddCategoryAsync("smartwatches", parentSlug: "electronics", active: false);
        await app.AddCategoryAsync("old-gear", parentSlug: "sports", active: false);
        await app.AddCategoryAsync("skis", parentSlug: "old-gear");
        using var client = app.CreateClient();

        var tree = await (await client.GetAsync("/api/categories", Ct)).ReadAsync<List<CategoryResponse>>();

        Assert.Equal(Enum.GetValues<ListingCategory>().Select(MarketplaceEnums.SlugOf), tree.Select(c => c.Slug));
        var electronics = tree.Single(c => c.Slug == "electronics");
        Assert.Equal(["phones", "tablets"], electronics.Children.Select(c => c.Slug));
        Assert.All(electronics.Children, c => Assert.Equal(electronics.Id, c.ParentId));
        Assert.Empty(tree.Single(c => c.Slug == "sports").Children);
    }

    [Fact]
    public async Task One_category_comes_with_its_path_from_the_root_and_its_children()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        await app.AddCategoryAsync("garden", parentSlug: "home-and-garden");
        await app.AddCategoryAsync("tools", parentSlug: "garden");
        await app.AddCategoryAsync("mowers", parentSlug: "tools");
        using var client = app.CreateClient();

        var tools = await (await client.GetAsync("/api/categories/tools", Ct)).ReadAsync<CategoryDetailResponse>();

        Assert.Equal(["home-and-garden", "garden", "tools"], tools.Path.Select(p => p.Slug));
        Assert.Equal(["mowers"], tools.Children.Select(c => c.Slug));
    }

    [Theory]
    [InlineData("no-such-category")]
    [InlineData("retired")]
    [InlineData("under-retired")]
    public async Task An_unknown_or_inactive_category_is_a_404_problem(string slug)
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        await app.AddCategoryAsync("retired", parentSlug: "toys", active: false);
        await app.AddCategoryAsync("under-retired", parentSlug: "retired");
        using var client = app.CreateClient();

        await (await client.GetAsync($"/api/categories/{slug}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_tree_is_served_from_memory_until_the_cache_duration_has_passed_then_read_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await ApiWithCacheAsync(TimeSpan.FromSeconds(30), clock);
        using var client = app.CreateClient();
        Assert.Equal("Toys", await NameOfToysAsync(client));

        await app.Db.ExecuteAsync("""UPDATE "Category" SET "Name" = 'Toys & Games' WHERE "Slug" = 'toys'""", Ct);
        var withinTheDuration = await NameOfToysAsync(client);
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterIt = await NameOfToysAsync(client);

        Assert.Equal("Toys", withinTheDuration);
        Assert.Equal("Toys & Games", afterIt);
    }

    [Fact]
    public async Task A_category_added_meanwhile_is_found_at_once_without_waiting_for_the_cache_to_expire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await ApiWithCacheAsync(TimeSpan.FromMinutes(10), clock);
        using var client = app.CreateClient();
        await NameOfToysAsync(client);

        await app.AddCategoryAsync("board-games", parentSlug: "toys");
        clock.Advance(CategoryCatalog.MissRefreshInterval);
        using var response = await client.GetAsync("/api/categories/board-games", Ct);

        Assert.Equal(["toys", "board-games"], (await response.ReadAsync<CategoryDetailResponse>()).Path.Select(p => p.Slug));
    }

    /// <summary>An Api whose category cache keeps its snapshot for <paramref name="duration"/> of <paramref name="clock"/>'s time.</summary>
    private Task<ApiApp> ApiWithCacheAsync(TimeSpan duration, FakeTimeProvider clock) => ApiApp.CreateAsync(server,
        new Dictionary<string, string?> { ["Categories:CacheDuration"] = duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture) },
        services: services => services.AddSingleton<TimeProvider>(clock),
        cancellationToken: Ct);

    private static async Task<string> NameOfToysAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/categories", Ct)).ReadAsync<List<CategoryResponse>>()).Single(c => c.Slug == "toys").Name;
}
