using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The whole story on the real processes (PostgreSQL, worker, Api, Web, smtp4dev, Azurite), done as a person does it,
/// and the screenshots a reviewer looks at (<c>TestResults/browser/home.png</c>, <c>listing.png</c>, <c>sell.png</c>).
/// </summary>
public sealed partial class SellerStoryTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_seller_signs_up_by_mail_sells_with_two_photos_finds_the_listing_edits_its_price_and_archives_it()
    {
        var seller = TestAccount.New("Sam");
        // A word no other listing has, so the search finds this one alone.
        var word = "lamp" + Guid.NewGuid().ToString("N")[..8];
        var title = $"Brass desk {word}";

        // Register, then open the verification mail and follow its link.
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await Page.GetByLabel("Email").FillAsync(seller.Email);
        await Page.GetByLabel("Display name").FillAsync(seller.DisplayName);
        await Page.GetByLabel("Password").FillAsync(seller.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = CheckYourMail() })).ToBeVisibleAsync();

        var link = await Smtp4devInbox.VerificationLinkAsync(App.App, seller.Email, Ct);
        await Page.GotoAsync(link.ToString());
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = Verify() }).ClickAsync();
        await Expect(Page.GetByText(Verified())).ToBeVisibleAsync();

        await SignInAsync(seller);

        // Sell: the details, a category from the tree, saved as a draft; then two photos; then published.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sell" }).ClickAsync();
        await Page.GetByLabel("Title").FillAsync(title);
        await Page.GetByLabel("Description").FillAsync("Solid brass, green glass shade. Works.");
        await Page.GetByLabel("Price").FillAsync("24.50");
        await Page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Garden" });
        await SaveScreenshotAsync("sell");
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = SaveDraft() }).ClickAsync();

        var photos = Page.GetByLabel(PhotosLabel());
        await photos.SetInputFilesAsync([await TestPhotos.JpegAsync(Page, "front.jpg", "#2a6f4e"), await TestPhotos.JpegAsync(Page, "back.jpg", "#8a3b12")]);
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = Upload() }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img)).ToHaveCountAsync(2);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(Page.GetByText("24.50")).ToBeVisibleAsync();
        await SaveScreenshotAsync("listing");

        // Find it by search, with its thumbnail.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await Page.GetByLabel(WordsLabel()).FillAsync(word);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var result = Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(result).ToHaveCountAsync(1);
        var thumbnail = result.GetByRole(AriaRole.Img);
        await Expect(thumbnail).ToBeVisibleAsync();
        Assert.True(await thumbnail.EvaluateAsync<bool>("image => image.complete && image.naturalWidth > 0"), "The thumbnail did not load.");
        await SaveScreenshotAsync("home");

        // Edit its price from My listings.
        await Page.GetByRole(AriaRole.Link, new() { Name = "My listings" }).ClickAsync();
        var mine = Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });
        await mine.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Page.GetByLabel("Price").FillAsync("19.00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByText("19.00")).ToBeVisibleAsync();

        // Archive it: gone from the search, shown as archived in My listings.
        await Page.GetByRole(AriaRole.Link, new() { Name = "My listings" }).ClickAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title })).ToContainTextAsync("Archived");
        await Page.GotoAsync($"/?q={word}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
    }

    [GeneratedRegex("check your (e-?)?mail", RegexOptions.IgnoreCase)]
    private static partial Regex CheckYourMail();

    [GeneratedRegex("verify", RegexOptions.IgnoreCase)]
    private static partial Regex Verify();

    [GeneratedRegex("verified", RegexOptions.IgnoreCase)]
    private static partial Regex Verified();

    [GeneratedRegex("^(Continue|Save draft|Next)", RegexOptions.IgnoreCase)]
    private static partial Regex SaveDraft();

    [GeneratedRegex("photos?", RegexOptions.IgnoreCase)]
    private static partial Regex PhotosLabel();

    [GeneratedRegex("upload|add", RegexOptions.IgnoreCase)]
    private static partial Regex Upload();

    [GeneratedRegex("^(Words|Search for|What)", RegexOptions.IgnoreCase)]
    private static partial Regex WordsLabel();
}
