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

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Page.GotoAsync("/me/listings");
        await Expect(Page).ToHaveURLAsync(SignInPage());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(Page.GetByText($"Signed in as {account.DisplayName}")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task After_signing_out_a_copy_of_the_session_cookie_no_longer_signs_anyone_in()
    {
        var account = await TestAccount.New("Copied").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);
        // What a thief copied while the session was open: every cookie of the Web.
        var copied = await Context.CookiesAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        var thief = await OpenOtherBrowserAsync();
        await thief.Context.AddCookiesAsync(copied.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await thief.GotoAsync("/me/listings");
        await Expect(thief).ToHaveURLAsync(SignInPage());
        await Expect(thief.GetByText($"Signed in as {account.DisplayName}")).Not.ToBeVisibleAsync();
    }

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInPage();
}
