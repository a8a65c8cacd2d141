using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// A form sent after the session changed in another tab (its anti-forgery token no longer fits) is shown again with what
/// was typed and one sentence saying what happened, never a bare 400.
/// </summary>
public sealed partial class StaleFormTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task The_sign_in_form_of_a_tab_opened_before_signing_in_in_another_is_shown_again_with_the_email()
    {
        var account = await TestAccount.New("Twotabs").RegisterVerifiedAsync(App.App, Ct);
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync(account.Email);

        var otherTab = await Context.NewPageAsync();
        await SignInAsync(otherTab, account);

        await Page.GetByLabel("Password").FillAsync(account.Password);
        var answer = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST");

        Assert.NotEqual(400, answer.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(NothingSent());
        await Expect(Page.GetByLabel("Email")).ToHaveValueAsync(account.Email);
    }

    [Fact]
    public async Task A_message_sent_after_signing_out_in_another_tab_is_kept_through_signing_in_again_and_then_sent()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var buyer = await TestAccount.New("Buyer").RegisterVerifiedAsync(App.App, Ct);
        const string message = "Is the wardrobe still available? I could collect on Saturday.";
        await SignInAsync(buyer);
        await Page.GotoAsync($"/listings/{scene.Active}");
        await Page.GetByLabel("Your message").FillAsync(message);

        var otherTab = await Context.NewPageAsync();
        await otherTab.GotoAsync("/account/sign-out");
        await otherTab.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(NothingSent());
        await Expect(Page.GetByLabel("Your message")).ToHaveValueAsync(message);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in to send it" }).ClickAsync();
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(buyer.Email);
            await Page.GetByLabel("Password").FillAsync(buyer.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }, Page.GetByLabel("Your message"));
        await Expect(Page.GetByLabel("Your message")).ToHaveValueAsync(message);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your message is sent");
    }

    [GeneratedRegex("Nothing was sent")]
    private static partial Regex NothingSent();
}
