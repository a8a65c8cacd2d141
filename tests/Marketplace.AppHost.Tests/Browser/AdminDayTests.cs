using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// An admin's day, in the browser alone: an admin made with the worker's create-admin signs in, works through a queue
/// of three reports on two listings (dismisses one, removes one listing with a reason, whose seller gets the mail;
/// suspends the seller, whose other listing leaves search and whose buyer's message is refused), creates a subcategory
/// that a seller then finds in the Sell form, and finds each of those actions in the audit log, each linking to its
/// target. Anyone else, signed in or not, finds no admin page.
/// </summary>
public sealed partial class AdminDayTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task An_admin_works_through_the_queue_moderates_edits_the_tree_and_finds_every_action_in_the_audit_log()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var admin = await TestAccount.New("Ada").CreateAdminAsync(App.App, Ct);
        var buyer = await TestAccount.New("Bruno").RegisterVerifiedAsync(App.App, Ct);
        var neighbour = await TestAccount.New("Nell").RegisterVerifiedAsync(App.App, Ct);
        var wardrobeTitle = $"{MarketplaceScene.ActiveTitle} {scene.Word}";
        var chairsTitle = $"Garden chairs {scene.Word}";
        await ReportAsync(buyer, scene.Active, "The photos are copied from another site.");
        await ReportAsync(neighbour, scene.Active, "Wrong price, surely a typo.");
        await ReportAsync(buyer, scene.Free, "These chairs were stolen from my garden.");

        // Nobody else finds the admin area: not signed in, nor signed in without the role (and no header link).
        var buyerPage = await OpenOtherBrowserAsync();
        Assert.Equal(404, (await buyerPage.GotoAsync("/admin"))?.Status);
        await SignInAsync(buyerPage, buyer);
        Assert.Equal(404, (await buyerPage.GotoAsync("/admin/reports"))?.Status);
        await Expect(buyerPage.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        // The admin signs in and goes to the queue from the header.
        await SignInAsync(admin);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await AdminNav("Reports").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Level = 1 })).ToBeVisibleAsync();
        var wardrobe = Case(wardrobeTitle);
        var chairs = Case(chairsTitle);
        await Expect(wardrobe).ToContainTextAsync("2 people reported it");
        await Expect(wardrobe).ToContainTextAsync("Wrong price, surely a typo.");
        await Expect(wardrobe).ToContainTextAsync("Nothing before");
        await Expect(chairs).ToContainTextAsync("1 person reported it");
        Assert.True(await PositionAsync(wardrobeTitle) < await PositionAsync(chairsTitle), "Oldest first: the wardrobe was reported first.");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Newest first" }).ClickAsync();
        Assert.True(await PositionAsync(chairsTitle) < await PositionAsync(wardrobeTitle), "Newest first: the chairs were reported last.");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Oldest first" }).ClickAsync();

        // Dismiss the neighbour's report: a note is asked for first, next to its field.
        var typo = wardrobe.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Wrong price, surely a typo." });
        await typo.GetByRole(AriaRole.Button, new() { Name = "Dismiss this report" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        typo = Case(wardrobeTitle).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Wrong price, surely a typo." });
        await ExpectFieldErrorAsync(typo.GetByLabel("Note for dismissing this report"), new Regex("Write a note saying why you dismiss this report"));
        await typo.GetByLabel("Note for dismissing this report").FillAsync("The price is what the seller meant.");
        await typo.GetByRole(AriaRole.Button, new() { Name = "Dismiss this report" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The report is dismissed.");
        await Expect(Case(wardrobeTitle)).ToContainTextAsync("1 person reported it");
        await Expect(Case(wardrobeTitle)).Not.ToContainTextAsync("Wrong price");

        // Remove the wardrobe: a confirmation page that wants a reason; its seller is mailed it.
        await Case(wardrobeTitle).GetByRole(AriaRole.Link, new() { Name = "Remove the listing" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Remove “{wardrobeTitle}”?" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove the listing" }).ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByLabel("Reason for removing it"), new Regex("Enter the reason for removing the listing"));
        const string removalReason = "The photos belong to another seller's listing.";
        await Page.GetByLabel("Reason for removing it").FillAsync(removalReason);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove the listing" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is removed");
        await Expect(Page.GetByText(removalReason)).ToBeVisibleAsync();
        var mails = await Smtp4devInbox.CountsAsync(App.App, $"We removed your listing \"{wardrobeTitle}\"", [scene.Seller.Email], TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(1, mails[scene.Seller.Email]);

        // The buyer has the chairs' page open with a message typed when the admin suspends their seller.
        await buyerPage.GotoAsync($"/listings/{scene.Free}");
        await buyerPage.GetByLabel("Your message").FillAsync("Are they still available?");

        await AdminNav("Reports").ClickAsync();
        await Expect(Case(wardrobeTitle)).ToHaveCountAsync(0);
        await Case(chairsTitle).GetByRole(AriaRole.Link, new() { Name = "Suspend the seller" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Suspend {scene.Seller.DisplayName}?" })).ToBeVisibleAsync();
        await Page.GetByLabel("Reason for suspending the account").FillAsync("Selling stolen goods.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, suspend the account" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is suspended");

        await buyerPage.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })
            .Or(buyerPage.GetByText("the seller cannot be contacted"))).ToBeVisibleAsync();
        await Expect(buyerPage.GetByText("Your message is on its way")).ToHaveCountAsync(0);
        await buyerPage.GotoAsync($"/search?q={scene.Word}");
        await Expect(buyerPage.GetByText("No listings match your search.")).ToBeVisibleAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Link, new() { Name = chairsTitle, Exact = true })).ToHaveCountAsync(0);

        // A subcategory under Furniture, which a seller then finds in the Sell form.
        var lamps = $"Reading lamps {scene.Word}";
        await AdminNav("Categories").ClickAsync();
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(lamps);
        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync($"reading-lamps-{scene.Word}");
        await Page.GetByLabel("Parent category").SelectOptionAsync(new SelectOptionValue { Label = "Furniture" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create category" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{lamps}” is created under Furniture.");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = lamps, Exact = true })).ToBeVisibleAsync();
        await buyerPage.GotoAsync("/listings/create");
        await Expect(buyerPage.GetByLabel("Category").Locator("option", new() { HasText = lamps })).ToHaveCountAsync(1);

        // Each action is in the audit log, filtered to this admin, and links to its target.
        await AdminNav("Audit log").ClickAsync();
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Admin", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{admin.DisplayName} ({admin.Email})" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show actions" }).ClickAsync();
        var entries = Page.Locator("li.admin-log__entry");
        await Expect(entries).ToHaveCountAsync(4);
        await Expect(Entry("dismissed a report about the listing").GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^listing {scene.Active} \(report \d+\)$") })).ToBeVisibleAsync();
        await Expect(Entry("dismissed a report about the listing")).ToContainTextAsync("The price is what the seller meant.");
        await Expect(Entry("suspended the account").GetByRole(AriaRole.Link, new() { Name = $"account {scene.SellerId}" })).ToBeVisibleAsync();
        await Expect(Entry("created the category").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^category \d+$") })).ToBeVisibleAsync();
        await Expect(Entry("removed the listing")).ToContainTextAsync(removalReason);
        await Entry("removed the listing").GetByRole(AriaRole.Link, new() { Name = $"listing {scene.Active}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = wardrobeTitle, Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Restore it" })).ToBeVisibleAsync();

        // The action filter narrows it to one.
        await AdminNav("Audit log").ClickAsync();
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Admin", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{admin.DisplayName} ({admin.Email})" });
        await Page.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Created the category" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show actions" }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(1);
        await Entry("created the category").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = lamps, Level = 1 })).ToBeVisibleAsync();
    }

    private ILocator AdminNav(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Admin", Exact = true }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private ILocator Case(string title) =>
        Page.Locator("li.admin-case").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 2 }) });

    private ILocator Entry(string action) => Page.Locator("li.admin-log__entry").Filter(new() { HasText = action });

    private async Task<int> PositionAsync(string title)
    {
        var titles = await Page.Locator("li.admin-case h2").AllInnerTextsAsync();
        var at = titles.ToList().IndexOf(title);
        Assert.True(at >= 0, $"The queue has no case for {title}: {string.Join(", ", titles)}");
        return at;
    }

    private async Task ReportAsync(TestAccount reporter, long listingId, string reason)
    {
        using var api = await reporter.ApiClientAsync(App.App, Ct);
        using var reported = await api.PostAsJsonAsync(
            new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/listings/{listingId}/reports"), UriKind.Relative), new { reason }, Ct);
        Assert.True(reported.IsSuccessStatusCode, await reported.Content.ReadAsStringAsync(Ct));
    }
}
