using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Every message a person reads is the Web's own, written for them (never an endpoint, a field's code name or a
/// framework's default text), and a form's problems come in one round, each next to its field.
/// </summary>
public sealed partial class WordingTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task An_empty_sell_form_flags_every_field_at_once_category_and_condition_too()
    {
        var seller = await TestAccount.New("Empty").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(seller);
        await Page.GotoAsync("/listings/create");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();

        await ExpectFieldErrorAsync(Page.GetByLabel("Title"), Words());
        await ExpectFieldErrorAsync(Page.GetByLabel("Description"), Words());
        await ExpectFieldErrorAsync(Page.GetByLabel("Price"), Words());
        await ExpectFieldErrorAsync(Page.GetByLabel("Category"), Words());
        await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Condition" })).ToHaveAccessibleDescriptionAsync(Words());
        await Expect(Page.GetByLabel("Like new", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link)).ToHaveCountAsync(5);
        await PageChecks.AssertWrittenForPeopleAsync(Page);
    }

    [Fact]
    public async Task A_negative_price_does_not_hide_an_empty_title_and_no_category_is_said_in_the_pages_words()
    {
        var seller = await TestAccount.New("Negative").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(seller);
        await Page.GotoAsync("/listings/create");
        await Page.GetByLabel("Description").FillAsync("A chair.");
        await Page.GetByLabel("Price").FillAsync("-1");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();

        await ExpectFieldErrorAsync(Page.GetByLabel("Title"), Words());
        await ExpectFieldErrorAsync(Page.GetByLabel("Price"), Words());
        await ExpectFieldErrorAsync(Page.GetByLabel("Category"), Words());
        await PageChecks.AssertWrittenForPeopleAsync(Page);
    }

    [Fact]
    public async Task Selling_before_verifying_the_address_says_how_in_the_pages_words()
    {
        var account = TestAccount.New("Unverified");
        await RegisterAsync(account);
        await SignInAsync(account);
        await Page.GotoAsync("/listings/create");
        await Page.GetByLabel("Title").FillAsync("Lamp shade");
        await Page.GetByLabel("Description").FillAsync("Linen.");
        await Page.GetByLabel("Price").FillAsync("8");
        await Page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Garden" });
        await Page.GetByLabel("Like new", new() { Exact = true }).CheckAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(Verify());
        await PageChecks.AssertWrittenForPeopleAsync(Page);
        await Expect(Page.GetByLabel("Title")).ToHaveValueAsync("Lamp shade");
    }

    [Fact]
    public async Task A_price_range_upside_down_and_a_blank_display_name_are_said_in_the_pages_words()
    {
        await Page.GotoAsync("/?minPrice=10&maxPrice=5");
        await ExpectFieldErrorAsync(Page.GetByLabel("Highest price"), Words());
        await PageChecks.AssertWrittenForPeopleAsync(Page);

        await Page.GotoAsync("/account/register");
        await Page.GetByLabel("Email").FillAsync($"blank-{Guid.NewGuid():N}@example.com");
        await Page.GetByLabel("Password").FillAsync(TestAccount.GoodPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByLabel("Display name"), Words());
        await PageChecks.AssertWrittenForPeopleAsync(Page);
    }

    [Fact]
    public async Task An_archived_listings_edit_page_says_to_relist_it_in_the_pages_words()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        await SignInAsync(scene.Seller);

        await Page.GotoAsync($"/listings/{scene.Archived}/edit");
        var save = Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
        if (await save.CountAsync() > 0)
        {
            await save.ClickAsync();
        }

        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync(Relist());
        await PageChecks.AssertWrittenForPeopleAsync(Page);
    }

    // A sentence: starts with a capital, has words; the page's own wording is checked by AssertWrittenForPeopleAsync.
    [GeneratedRegex(@"^[A-Z][a-z]+ .{8,}")]
    private static partial Regex Words();

    [GeneratedRegex("[Vv]erify your email address")]
    private static partial Regex Verify();

    [GeneratedRegex("[Rr]elist")]
    private static partial Regex Relist();
}
