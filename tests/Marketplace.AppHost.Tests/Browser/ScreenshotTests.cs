using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The pages a reviewer looks at, at both widths, saved under <c>TestResults/browser/</c>: home, a listing, Sell, My
/// listings, the account page, and the signed-out account pages (register, check your mail, sign in, and an email
/// change's revert link that is not valid), as <c>{page}-{width}.png</c>. The README's pictures are copies of some of them.
/// </summary>
public sealed class ScreenshotTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task Home_a_listing_sell_my_listings_and_the_account_pages_are_saved_at_both_widths()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var visitor = await OpenOtherBrowserAsync();
        var seller = await OpenOtherBrowserAsync();
        await SignInAsync(seller, scene.Seller);
        foreach (var (width, height) in Viewports.Both)
        {
            await visitor.SetViewportSizeAsync(width, height);
            await SaveAsync(visitor, "/", "home", width);
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Browse by category" })).ToBeVisibleAsync();
            await SaveAsync(visitor, "/account/register", "register", width);
            await SaveAsync(visitor, "/account/check-your-mail", "check-your-mail", width);
            await SaveAsync(visitor, "/account/sign-in", "sign-in", width);
            await SaveAsync(visitor, "/revert-email?token=not-a-token", "revert-email", width);
            var page = seller;
            await page.SetViewportSizeAsync(width, height);
            await SaveAsync(page, $"/listings/{scene.Active}", "listing", width);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Photos" }).GetByRole(AriaRole.Img)).ToHaveCountAsync(2);
            await SaveAsync(page, "/listings/create", "sell", width);
            await SaveAsync(page, "/me/listings", "my-listings", width);
            await SaveAsync(page, "/account", "account", width);
        }
    }

    private static async Task SaveAsync(IPage page, string address, string name, int width)
    {
        await page.GotoAsync(address);
        // Lazy photos below the fold load before the full-page picture is taken.
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.complete ? null : new Promise(r => { i.onload = i.onerror = r; }); }))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserTestResults.ScreenshotPath($"{name}-{width}"), FullPage = true });
    }
}
