using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Browsing as a first visitor does: the search box on every page, the categories from the home page down through
/// their subcategories, Previous and Next, dates as people say them, a favicon, and a header that follows who is there.
/// </summary>
public sealed partial class BrowsingTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task The_header_search_on_any_page_finds_listings()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        foreach (var address in new[] { "/account/sign-in", $"/listings/{scene.Active}", "/c/furniture" })
        {
            await Page.GotoAsync(address);
            await Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search listings" }).FillAsync($"garden {scene.Word}");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Garden chairs {scene.Word}", Exact = true })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task From_the_home_page_a_category_leads_to_its_page_with_breadcrumbs_its_subcategories_and_its_listings()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var slug = "wardrobes-" + scene.Word;
        await using (var database = NpgsqlDataSource.Create((await App.App.GetConnectionStringAsync("marketplacedb", Ct))!))
        {
            await database.CreateCommand($"""
                INSERT INTO "Category" ("Name", "Slug", "ParentId", "SortOrder", "IsActive")
                VALUES ('Wardrobes', '{slug}', (SELECT "Id" FROM "Category" WHERE "Slug" = 'furniture'), 10, true)
                """).ExecuteNonQueryAsync(Ct);
        }

        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Furniture", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Furniture" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumbs" }).GetByRole(AriaRole.Link, new() { Name = "Home" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"{MarketplaceScene.ActiveTitle} {scene.Word}", Exact = true })).ToBeAttachedAsync();
        // The Api reads the category tree again within its cache's 30 seconds; a reload then shows the new subcategory.
        var wardrobes = Page.GetByRole(AriaRole.Navigation, new() { Name = "Subcategories" }).GetByRole(AriaRole.Link, new() { Name = "Wardrobes" });
        for (var waited = 0; await wardrobes.CountAsync() == 0; waited++)
        {
            Assert.True(waited < 30, "The new subcategory did not show on its parent's page within a minute.");
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            await Page.ReloadAsync();
        }

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Subcategories" }).GetByRole(AriaRole.Link, new() { Name = "Wardrobes" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumbs" }).GetByRole(AriaRole.Link, new() { Name = "Furniture" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("No listings match")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Previous_and_next_walk_the_pages_of_results_both_ways()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        await using (var database = NpgsqlDataSource.Create((await App.App.GetConnectionStringAsync("marketplacedb", Ct))!))
        {
            // More than a page of results (24), made straight in the database: through the Api they would take the seller's whole write budget.
            await database.CreateCommand($"""
                INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "CategoryId", "Status", "SellerId", "CreatedAt", "UpdatedAt")
                SELECT 'Numbered print ' || i || ' {scene.Word}', 'A print.', i, 'other', (SELECT "Id" FROM "Category" WHERE "Slug" = 'other'),
                       'active', '{scene.SellerId}', now() - i * interval '1 minute', now()
                FROM generate_series(1, 30) AS i
                """).ExecuteNonQueryAsync(Ct);
        }

        await Page.GotoAsync($"/?q=print+{scene.Word}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Numbered print 1 {scene.Word}", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Numbered print 30 {scene.Word}", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Numbered print 1 {scene.Word}", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_listings_date_says_how_long_ago_with_the_exact_moment_in_its_time_element()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);

        await Page.GotoAsync($"/listings/{scene.Active}");

        var listed = Page.GetByRole(AriaRole.Main).Locator("time").First;
        await Expect(listed).ToHaveTextAsync(Ago());
        var datetime = await listed.GetAttributeAsync("datetime");
        Assert.True(DateTimeOffset.TryParse(datetime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && datetime!.EndsWith('Z'),
            $"The <time> says {datetime}, not an exact UTC moment.");
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 10);
    }

    [Fact]
    public async Task The_site_has_a_favicon()
    {
        await Page.GotoAsync("/");
        var icon = await Page.Locator("link[rel=icon]").First.GetAttributeAsync("href");

        using var http = new HttpClient { BaseAddress = WebAddress };
        foreach (var path in new[] { icon!, "/favicon.ico" })
        {
            using var answer = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(answer.IsSuccessStatusCode, $"{path}: {answer.StatusCode}");
            Assert.StartsWith("image/", answer.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_header_follows_who_is_there_signed_out_signed_in_and_not_yet_verified()
    {
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Page.GotoAsync("/");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My listings" })).ToHaveCountAsync(0);

        var account = TestAccount.New("Newcomer");
        await RegisterAsync(account);
        await SignInAsync(account);

        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My listings" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("verify your email address")).ToBeVisibleAsync();

        // Following the mailed link while signed in: the pages stop asking at once.
        var link = await Marketplace.AppHost.Tests.Support.Smtp4devInbox.VerificationLinkAsync(App.App, account.Email, Ct);
        await Page.GotoAsync(link.PathAndQuery);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email" }).ClickAsync();
        await Page.GotoAsync("/");
        await Expect(Page.GetByText("verify your email address")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("ago|just now|yesterday")]
    private static partial Regex Ago();
}
