using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>One price rule for search, Sell and Edit (a comma or a dot, at most two decimals), and prices written as money.</summary>
public sealed partial class PriceAndMoneyTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task The_search_reads_a_decimal_comma_as_the_sell_form_does_and_refuses_what_it_cannot_read_saying_the_forms_it_takes()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var cheap = await scene.ListingAsync(App.App, "Cheap stool", "2.50", Ct);
        var dearer = await scene.ListingAsync(App.App, "Dearer stool", "5.00", Ct);

        // "3,00" is three, not three hundred; "10,50" ten and a half.
        await Page.GotoAsync($"/?q=stool+{scene.Word}&minPrice=3,00&maxPrice=10,50");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Dearer stool {scene.Word}", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Cheap stool {scene.Word}", Exact = true })).ToHaveCountAsync(0);
        Assert.True(cheap != dearer);

        // "1,234" could be either; the page says which forms it takes instead of guessing.
        await Page.GotoAsync($"/?q=stool+{scene.Word}&minPrice=1,234");
        await ExpectFieldErrorAsync(Page.GetByLabel("Lowest price"), AcceptedForms());
        await Expect(Page.GetByLabel("Lowest price")).ToHaveValueAsync("1,234");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Dearer stool {scene.Word}", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Prices_are_money_in_the_marketplaces_currency_free_for_nothing_and_the_sell_form_names_the_currency()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);

        await Page.GotoAsync($"/listings/{scene.Active}");
        await Expect(Page.GetByText("€1,250.00")).ToBeVisibleAsync();
        await Page.GotoAsync($"/listings/{scene.Free}");
        await Expect(Page.GetByText("Free", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GotoAsync($"/?q={scene.Word}");
        var freeCard = Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Garden chairs" });
        await Expect(freeCard).ToContainTextAsync("Free");

        await SignInAsync(scene.Seller);
        await Page.GotoAsync("/listings/create");
        await Expect(Page.GetByLabel("Price")).ToHaveAccessibleDescriptionAsync(Euro());
    }

    [GeneratedRegex("24,50")]
    private static partial Regex AcceptedForms();

    [GeneratedRegex("EUR")]
    private static partial Regex Euro();
}
