using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The listing's page follows its state: a sold one takes no messages, an archived one offers its seller to relist it
/// rather than to edit it, changes a seller may regret ask first, and owner-only pages are a 404 to anyone else.
/// </summary>
public sealed partial class ListingStateTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_sold_listing_says_so_and_offers_no_contact_form()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var buyer = await TestAccount.New("Late").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(buyer);

        await Page.GotoAsync($"/listings/{scene.Sold}");

        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync(Sold());
        await Expect(Page.GetByLabel("Your message")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_archived_listing_offers_its_seller_no_edit_nor_photos_but_relist_which_puts_it_back_on_sale()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        await SignInAsync(scene.Seller);

        await Page.GotoAsync($"/listings/{scene.Archived}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Photos", Exact = true })).ToHaveCountAsync(0);
        await Page.GotoAsync($"/listings/{scene.Archived}/photos");
        await Expect(Page.GetByLabel("Add photos")).ToHaveCountAsync(0);

        await Page.GotoAsync($"/listings/{scene.Archived}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Relist" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("for sale again");
        await Page.GotoAsync($"/?q=bicycle+{scene.Word}");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Archived bicycle {scene.Word}", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Archiving_and_marking_sold_ask_first_and_change_nothing_until_confirmed()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var title = $"Garden chairs {scene.Word}";
        await SignInAsync(scene.Seller);
        await Page.GotoAsync("/me/listings");

        await Page.Locator($"[aria-label='Archive {title}']").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Archive “{title}”?" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "No, go back to the listing" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Archived", new() { Exact = true })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Mark as sold" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Mark “{title}” as sold?" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, mark it as sold" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync(Sold());
    }

    [Fact]
    public async Task A_draft_never_published_is_deleted_after_asking_and_its_page_is_gone()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        await SignInAsync(scene.Seller);

        await Page.GotoAsync($"/listings/{scene.Draft}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Delete draft" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the draft" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is deleted");
        var gone = await Page.GotoAsync($"/listings/{scene.Draft}");
        Assert.Equal(404, gone?.Status);
    }

    [Fact]
    public async Task Another_account_opening_a_listings_edit_or_photos_page_gets_a_404_and_nothing_of_it()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var stranger = await TestAccount.New("Nosy").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(stranger);

        foreach (var address in new[] { $"/listings/{scene.Active}/edit", $"/listings/{scene.Active}/photos", $"/listings/{scene.Active}/confirm/archive" })
        {
            var answer = await Page.GotoAsync(address);
            Assert.Equal(404, answer?.Status);
            await Expect(Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("walnut");
        }
    }

    [Fact]
    public async Task Sign_out_is_offered_only_to_someone_signed_in()
    {
        await Page.GotoAsync("/account/sign-out");

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("You are not signed in");
    }

    [GeneratedRegex("[Ss]old")]
    private static partial Regex Sold();
}
