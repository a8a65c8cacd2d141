using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Issue 19's layout defects, each seen as a visitor sees it: squashed photos, pages wider than a phone, the phone's
/// header on three lines, filters filling a phone's first screen, My listings as a table, only a card's title a link.
/// </summary>
public sealed class PhoneAndPhotoTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task Photos_keep_their_shape_on_every_page_at_both_widths_and_a_phone_shows_title_price_and_seller_before_them()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        foreach (var (width, height) in Viewports.Both)
        {
            var page = await OpenOtherBrowserAsync(width, height);
            foreach (var address in new[] { $"/listings/{scene.Active}", $"/?q={scene.Word}", "/", $"/sellers/{scene.SellerId}" })
            {
                await page.GotoAsync(address);
                Assert.Empty(await PageChecks.DistortedImagesAsync(page));
            }

            await SignInAsync(page, scene.Seller);
            await page.GotoAsync("/me/listings");
            Assert.Empty(await PageChecks.DistortedImagesAsync(page));
        }

        var phone = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        await phone.GotoAsync($"/listings/{scene.Active}");
        var gallery = await phone.GetByRole(AriaRole.Region, new() { Name = "Photos" }).BoundingBoxAsync();
        foreach (var first in new[]
                 {
                     phone.GetByRole(AriaRole.Heading, new() { Level = 1 }),
                     phone.GetByText("€1,250.00"),
                     phone.GetByText("Sold by"),
                 })
        {
            Assert.True((await first.BoundingBoxAsync())!.Y < gallery!.Y, $"{first} is not above the photos on a phone.");
        }
    }

    [Fact]
    public async Task Long_unbroken_words_wrap_so_that_no_page_of_the_listing_is_wider_than_a_phone()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var phone = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        foreach (var address in new[] { $"/listings/{scene.Active}", $"/?q={scene.Word}", $"/sellers/{scene.SellerId}" })
        {
            await phone.GotoAsync(address);
            Assert.True(await PageChecks.WidthAsync(phone) <= Viewports.PhoneWidth, $"{address} is {await PageChecks.WidthAsync(phone)} px wide on a phone.");
        }

        await SignInAsync(phone, scene.Seller);
        foreach (var address in new[] { "/me/listings", $"/listings/{scene.Active}/edit", $"/listings/{scene.Active}/photos" })
        {
            await phone.GotoAsync(address);
            Assert.True(await PageChecks.WidthAsync(phone) <= Viewports.PhoneWidth, $"{address} is {await PageChecks.WidthAsync(phone)} px wide on a phone.");
        }
    }

    [Fact]
    public async Task On_a_phone_the_header_is_one_line_with_search_and_a_menu_that_opens_without_script()
    {
        var phone = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        foreach (var address in new[] { "/", "/account/sign-in", "/listings/create" })
        {
            await phone.GotoAsync(address);
            var header = await phone.Locator("header").First.BoundingBoxAsync();
            Assert.True(header!.Height <= 64, $"The header of {address} is {header.Height} px high on a phone: more than one line.");
            await Expect(phone.GetByRole(AriaRole.Searchbox, new() { Name = "Search listings" })).ToBeVisibleAsync();
        }

        // The menu is a <details>: it opens with a tap, script or not.
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true })).Not.ToBeVisibleAsync();
        await phone.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await phone.Locator("script:not([src])").CountAsync());
    }

    [Fact]
    public async Task On_a_phone_the_filters_wait_behind_a_summary_and_the_results_come_first()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var phone = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);

        await phone.GotoAsync($"/?q={scene.Word}");

        await Expect(phone.GetByLabel("Lowest price")).Not.ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = $"{MarketplaceScene.ActiveTitle} {scene.Word}", Exact = true })).ToBeInViewportAsync();
        await phone.GetByText("Filters and sorting").ClickAsync();
        await Expect(phone.GetByLabel("Lowest price")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task My_listings_are_cards_on_a_phone_and_the_whole_card_of_a_search_result_opens_the_listing()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var phone = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        await SignInAsync(phone, scene.Seller);

        await phone.GotoAsync("/me/listings");
        Assert.Equal(0, await phone.Locator("table").CountAsync());
        Assert.True(await PageChecks.WidthAsync(phone) <= Viewports.PhoneWidth);

        await phone.GotoAsync($"/?q={scene.Word}");
        var card = phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Garden chairs" });
        // The photo's corner, away from the title: the card as a whole is the link.
        await card.ClickAsync(new LocatorClickOptions { Position = new Position { X = 8, Y = 8 } });
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/listings/{scene.Free}$"));
    }
}
