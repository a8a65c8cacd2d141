using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The pages a reviewer looks at, at both widths, saved under <c>TestResults/browser/</c>: home, a listing, Sell, My
/// listings, the account page, the signed-out account pages (register, check your mail, sign in, and an email
/// change's revert link that is not valid), the seller's messages, a conversation, saved listings (none) and saved
/// searches, and the admin desk (its start, a report in the queue, a reported conversation and its reading, listings, users, a user, categories, the audit log),
/// as <c>{page}-{width}.png</c>. The README's pictures are copies of some of them.
/// </summary>
public sealed class ScreenshotTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task The_pages_a_reviewer_looks_at_are_saved_at_both_widths()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var (buyer, conversation, _) = await scene.TalkAsync(App.App, Ct);
        var ada = await TestAccount.New("Ada").CreateAdminAsync(App.App, Ct);
        var conversationReport = await scene.ReportConversationAsync(App.App, buyer, conversation, ada, Ct);
        var visitor = await OpenOtherBrowserAsync();
        var seller = await OpenOtherBrowserAsync();
        await SignInAsync(seller, scene.Seller);
        var admin = await OpenOtherBrowserAsync();
        await SignInAsync(admin, ada);
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
            await SaveAsync(page, "/messages", "messages", width);
            await SaveAsync(page, $"/messages/{conversation}", "conversation", width);
            await SaveAsync(page, "/saved", "saved", width);
            await SaveAsync(page, "/saved-searches", "saved-searches", width);

            await admin.SetViewportSizeAsync(width, height);
            await SaveAsync(admin, "/admin", "admin", width);
            await SaveAsync(admin, "/admin/reports", "admin-reports", width);
            await Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync("1 person reported it");
            await SaveAsync(admin, "/admin/conversation-reports", "admin-conversation-reports", width);
            await SaveAsync(admin, $"/admin/conversation-reports/{conversationReport}", "admin-conversation-report", width);
            await SaveAsync(admin, "/admin/listings", "admin-listings", width);
            await SaveAsync(admin, "/admin/users", "admin-users", width);
            await SaveAsync(admin, $"/admin/users/{scene.SellerId}", "admin-user", width);
            await SaveAsync(admin, "/admin/categories", "admin-categories", width);
            await SaveAsync(admin, "/admin/audit-log", "admin-audit-log", width);
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
