using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Talking on the site as people do (issue 23): a buyer saves a search and two listings and writes to the seller; the
/// seller sees the unread count, answers, and the buyer's notification mail carries no address of the seller; a new
/// listing that matches the saved search brings an alert mail, whose unsubscribe link (opened signed out) stops the next.
/// </summary>
public sealed partial class TalkTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    // The alert job runs every five seconds in the tests' app (LocalBinariesApp), the outbox every second.
    private static readonly TimeSpan MailWait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_buyer_saves_a_search_and_a_listing_talks_with_the_seller_hears_of_a_new_match_and_unsubscribes()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var buyer = await TestAccount.New("Bea").RegisterVerifiedAsync(App.App, Ct);
        var activeTitle = $"{MarketplaceScene.ActiveTitle} {scene.Word}";
        var freeTitle = $"Garden chairs {scene.Word}";

        // Signed out, the heart leads to signing in, and back to the listing.
        await Page.GotoAsync($"/listings/{scene.Active}");
        await Expect(Page.GetByText("Condition: Not stated")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in to save it" }).ClickAsync();
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(buyer.Email);
            await Page.GetByLabel("Password").FillAsync(buyer.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }, Page.GetByText($"Signed in as {buyer.DisplayName}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = activeTitle, Exact = true })).ToBeVisibleAsync();

        // The heart on the listing's page, then one on a card of the results, each coming back where it was.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save this listing" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Saved (remove from your saved listings)" })).ToBeVisibleAsync();
        await Page.GotoAsync($"/search?q={scene.Word}");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Save {freeTitle}", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/search\\?q={scene.Word}"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {freeTitle} from your saved listings" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {activeTitle} from your saved listings" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Saved", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Saved listings" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = freeTitle, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = activeTitle, Exact = true })).ToBeVisibleAsync();

        // Save a search nothing matches yet: words, a highest price and a condition, mailed as soon as something does.
        var words = $"lantern {scene.Word}";
        await Page.GotoAsync("/search?q=" + Uri.EscapeDataString(words));
        await Page.GetByLabel("Condition", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Good" });
        await Page.GetByLabel("Highest price").FillAsync("100");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show results" }).ClickAsync();
        await Expect(Page.GetByText("No listings match your search.")).ToBeVisibleAsync();
        await Page.GetByLabel("Email me new matches").SelectOptionAsync(new SelectOptionValue { Label = "As soon as they appear" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save this search" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("This search is saved");
        await Page.GotoAsync("/saved-searches");
        var savedSearch = Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"“{words}”, up to €100.00, Good" });
        await Expect(savedSearch).ToContainTextAsync("as soon as they appear");

        // Write to the seller from the listing's page: the conversation opens with the message.
        await Page.GotoAsync($"/listings/{scene.Active}");
        await Page.GetByLabel("Your message").FillAsync("Is the wardrobe still available?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/messages/\d+"));
        var conversationPath = new Uri(Page.Url).AbsolutePath;
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your message is sent");
        await Expect(Page.GetByText("Is the wardrobe still available?")).ToBeVisibleAsync();

        // The seller sees one unread message in the header, reads it (the count goes), and answers.
        var seller = await OpenOtherBrowserAsync();
        await SignInAsync(seller, scene.Seller);
        await seller.GetByRole(AriaRole.Link, new() { Name = "Messages 1 unread" }).ClickAsync();
        var inboxItem = seller.GetByRole(AriaRole.Listitem).Filter(new() { HasText = buyer.DisplayName });
        await Expect(inboxItem).ToContainTextAsync("1 unread");
        await inboxItem.GetByRole(AriaRole.Link, new() { Name = activeTitle, Exact = true }).ClickAsync();
        await Expect(seller.GetByText("Is the wardrobe still available?")).ToBeVisibleAsync();
        await Expect(seller.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true })).ToBeVisibleAsync();
        await seller.GetByLabel("Your reply").FillAsync("Yes, come and see it on Saturday.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your reply is sent.");

        // The buyer hears of it by mail: the answer and a link to the conversation, and no address of the seller anywhere.
        var (notice, noticeSource) = await Smtp4devInbox.MailAsync(App.App, buyer.Email, "New message about", MailWait, Ct);
        Assert.Contains("Yes, come and see it on Saturday.", notice, StringComparison.Ordinal);
        Assert.Contains(conversationPath, notice, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.Seller.Email, notice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(scene.Seller.Email, noticeSource, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reply-To", noticeSource, StringComparison.OrdinalIgnoreCase);
        await Page.GotoAsync(conversationPath);
        await Expect(Page.GetByText("Yes, come and see it on Saturday.")).ToBeVisibleAsync();

        // The seller sells a lantern in good condition under 100: the buyer's alert mail names it.
        await seller.GotoAsync("/listings/create");
        await seller.GetByLabel("Title").FillAsync($"Brass lantern {scene.Word}");
        await seller.GetByLabel("Description").FillAsync("A ship's lantern, polished.");
        await seller.GetByLabel("Price").FillAsync("30");
        await seller.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Garden" });
        await seller.GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your listing is published.");

        var (alert, alertSource) = await Smtp4devInbox.MailAsync(App.App, buyer.Email, "new listing", MailWait, Ct);
        Assert.Contains($"Brass lantern {scene.Word}", alert, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post", alertSource, StringComparison.OrdinalIgnoreCase);
        var unsubscribe = UnsubscribeLink().Match(alert).Value;
        Assert.False(string.IsNullOrEmpty(unsubscribe), alert);

        // Its link needs no sign-in; opening it changes nothing, its one button stops the alerts.
        var stranger = await OpenOtherBrowserAsync();
        await stranger.GotoAsync(unsubscribe);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Stop emails about this search?" })).ToBeVisibleAsync();
        await Page.GotoAsync("/saved-searches");
        await Expect(savedSearch).ToContainTextAsync("as soon as they appear");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "You get no more emails about this search" })).ToBeVisibleAsync();
        await Page.GotoAsync("/saved-searches");
        await Expect(savedSearch).ToContainTextAsync("We do not email you about it.");

        // Another match comes, and no mail about it: the newest alert is still the first one, after several runs of the job.
        await scene.ListingAsync(App.App, "Copper lantern", "45", Ct, condition: "Good");
        await Task.Delay(TimeSpan.FromSeconds(25), Ct);
        var (latest, _) = await Smtp4devInbox.MailAsync(App.App, buyer.Email, "new listing", MailWait, Ct);
        Assert.DoesNotContain("Copper lantern", latest, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/alerts/unsubscribe\?search=\d+&token=[A-Za-z0-9_\-]+")]
    private static partial Regex UnsubscribeLink();
}
