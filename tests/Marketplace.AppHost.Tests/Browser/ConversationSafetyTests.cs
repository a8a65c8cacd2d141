using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// A seller who does not want to talk (issue 23): reports a conversation (a reason is asked for first, next to its
/// field), blocks the buyer, whose page then says the conversation is closed and offers no reply, and unblocks again.
/// An admin finds the report among the reported conversations, reads the conversation (the page lists that reading)
/// and closes the report with a note.
/// </summary>
public sealed class ConversationSafetyTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_seller_reports_and_blocks_a_buyer_who_then_cannot_write_and_an_admin_reads_the_conversation_and_closes_the_report()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var (buyer, conversation, _) = await scene.TalkAsync(App.App, Ct);
        await SignInAsync(scene.Seller);
        await Page.GotoAsync($"/messages/{conversation}");
        await Expect(Page.GetByText($"Is it still for sale? {MarketplaceScene.LongWord}")).ToBeVisibleAsync();

        var report = Page.GetByRole(AriaRole.Button, new() { Name = "Report this conversation" });
        await report.ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByLabel("What is wrong?"), new Regex("Say in a few words what is wrong with this conversation"));
        await Page.GetByLabel("What is wrong?").FillAsync("He asks me to pay outside the site.");
        await report.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you. Our moderators will read this conversation.");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Block {buyer.DisplayName}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Blocked. They can no longer write to you");
        await Expect(Page.GetByText($"You blocked {buyer.DisplayName}, so neither of you can write here.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send reply" })).ToHaveCountAsync(0);

        var buyerPage = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        await SignInAsync(buyerPage, buyer);
        await buyerPage.GotoAsync($"/messages/{conversation}");
        await Expect(buyerPage.GetByText($"{scene.Seller.DisplayName} has closed this conversation, so you can no longer write here.")).ToBeVisibleAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Button, new() { Name = "Send reply" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {buyer.DisplayName}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Unblocked. You can write to each other again.");
        await buyerPage.ReloadAsync();
        await buyerPage.GetByLabel("Your reply").FillAsync("Sorry, I will pay through the site.");
        await buyerPage.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Your reply is sent.");

        var title = $"{MarketplaceScene.ActiveTitle} {scene.Word}";
        var admin = await OpenOtherBrowserAsync(Viewports.PhoneWidth, Viewports.PhoneHeight);
        await SignInAsync(admin, await TestAccount.New("Ada").CreateAdminAsync(App.App, Ct));
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Conversations", Exact = true }).First.ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Reported conversations", Level = 1 })).ToBeVisibleAsync();
        var reported = admin.GetByRole(AriaRole.Listitem).Filter(new() { Has = admin.GetByRole(AriaRole.Heading, new() { Name = $"About {title}" }) });
        await Expect(reported).ToContainTextAsync("He asks me to pay outside the site.");
        await reported.GetByRole(AriaRole.Link, new() { Name = $"Read the conversation about {title}" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Conversation about {title}", Level = 1 })).ToBeVisibleAsync();
        var messages = admin.GetByRole(AriaRole.Region, new() { Name = "Messages" });
        await Expect(messages).ToContainTextAsync($"{buyer.DisplayName} (buyer)");
        await Expect(messages).ToContainTextAsync("Sorry, I will pay through the site.");
        await Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Who read it" })).ToContainTextAsync("Admins read this conversation once");

        var close = admin.GetByRole(AriaRole.Button, new() { Name = "Close this report" });
        await close.ClickAsync();
        await ExpectFieldErrorAsync(admin.GetByLabel("Note for closing this report"), new Regex("Write a note saying what you found and did"));
        await admin.GetByLabel("Note for closing this report").FillAsync("The buyer apologised; nothing to do.");
        await close.ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The report is closed.");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"About {title}" })).ToHaveCountAsync(0);
    }
}
