using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

public sealed partial class SignOutTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task After_signing_out_my_listings_asks_to_sign_in_again()
    {
        var account = await TestAccount.New("Leaver").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Page.GotoAsync("/me/listings");
        await Expect(Page).ToHaveURLAsync(SignInPage());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(Page.GetByText($"Signed in as {account.DisplayName}")).Not.ToBeVisibleAsync();
    }

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInPage();
}
