using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The whole story on the real processes (PostgreSQL, worker, Api, Web, smtp4dev, Azurite), done as a person does it,
/// and the screenshots a reviewer looks at (<c>TestResults/browser/home.png</c>, <c>listing.png</c>, <c>sell.png</c>).
/// </summary>
public sealed class SellerStoryTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_seller_signs_up_by_mail_sells_with_two_photos_finds_the_listing_edits_its_price_and_archives_it()
    {
        var seller = TestAccount.New("Sam");
        // The app's database is new for each run and no other test lists anything, so these words find this one alone.
        const string title = "Brass desk lamp";
        const string words = "brass lamp";

        // Register, then open the verification mail and follow its link.
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).ClickAsync();
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(seller.Email);
            await Page.GetByLabel("Display name").FillAsync(seller.DisplayName);
            await Page.GetByLabel("Password").FillAsync(seller.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        }, Page.GetByRole(AriaRole.Heading, new() { Name = "Check your mail" }));

        var link = await Smtp4devInbox.VerificationLinkAsync(App.App, seller.Email, Ct);
        await Page.GotoAsync(link.ToString());
        await SubmitWaitingOutTheLimitAsync(Page, () => Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email" }).ClickAsync(),
            Page.GetByRole(AriaRole.Heading, new() { Name = "Email address verified" }));

        await SignInAsync(seller);

        // Sell: the details and a category from the tree, saved as a draft; then two photos; then published.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sell", Exact = true }).ClickAsync();
        await Page.GetByLabel("Title").FillAsync(title);
        await Page.GetByLabel("Description").FillAsync("Solid brass, green glass shade. Works.");
        await Page.GetByLabel("Price").FillAsync("24.50");
        await Page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Garden" });
        await Page.GetByRole(AriaRole.Group, new() { Name = "Condition" }).GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await SaveScreenshotAsync("sell");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Photos of {title}" })).ToBeVisibleAsync();

        await Page.GetByLabel("Add photos", new() { Exact = true }).SetInputFilesAsync(
            [await TestPhotos.JpegAsync(Page, "front.jpg", "#2a6f4e"), await TestPhotos.JpegAsync(Page, "back.jpg", "#8a3b12")]);
        // The file input is itself a button named by its label ("Add photos"); the form's submit button is "Upload photos".
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload photos", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Img)).ToHaveCountAsync(2);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your listing is published.");
        await Expect(Page.GetByText("€24.50")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Condition: Good")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Home & Garden" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Photos" }).GetByRole(AriaRole.Img)).ToHaveCountAsync(2);
        await SaveScreenshotAsync("listing");

        // Find it by the search in the header, with its thumbnail.
        await Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search listings" }).FillAsync(words);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var result = Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToContainTextAsync("€24.50");
        await Expect(result).ToContainTextAsync("Home & Garden");
        var thumbnail = result.GetByRole(AriaRole.Img);
        await Expect(thumbnail).ToBeVisibleAsync();
        await Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await thumbnail.EvaluateAsync<int>("image => image.naturalWidth") > 0, "The thumbnail did not load.");
        await SaveScreenshotAsync("home");

        // Edit its price and its condition from My listings: the form starts from the condition chosen when selling.
        await Page.GetByRole(AriaRole.Link, new() { Name = "My listings", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Edit {title}", Exact = true }).ClickAsync();
        var condition = Page.GetByRole(AriaRole.Group, new() { Name = "Condition" });
        await Expect(condition.GetByLabel("Good", new() { Exact = true })).ToBeCheckedAsync();
        await condition.GetByLabel("Fair", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Price").FillAsync("19.00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes are saved.");
        await Expect(Page.GetByText("€19.00")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Condition: Fair")).ToBeVisibleAsync();

        // Archive it, after saying yes: shown under Archived in My listings, gone from the search.
        await Page.GetByRole(AriaRole.Link, new() { Name = "My listings", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Archive {title}", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, archive it" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is archived");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Active", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search listings" }).FillAsync(words);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(Page.GetByText("No listings match your search.")).ToBeVisibleAsync();
    }
}
