using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

public sealed class KeyboardTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    /// <summary>More Tab presses than the page has links before its form: reaching the field must not need a mouse.</summary>
    private const int MaxTabs = 30;

    [Fact]
    public async Task The_sign_in_form_can_be_filled_and_submitted_with_tab_and_enter_alone()
    {
        var account = await TestAccount.New("Keys").RegisterVerifiedAsync(App.App, Ct);
        await Page.GotoAsync("/account/sign-in");
        var email = Page.GetByLabel("Email");

        // Tab from the top of the page until the email field has the focus, as a keyboard user does.
        var tabs = 0;
        while (!await email.EvaluateAsync<bool>("field => field === document.activeElement"))
        {
            Assert.True(++tabs <= MaxTabs, $"The email field was not reached in {MaxTabs} presses of Tab.");
            await Page.Keyboard.PressAsync("Tab");
        }

        await Page.Keyboard.TypeAsync(account.Email);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(account.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByText($"Signed in as {account.DisplayName}")).ToBeVisibleAsync();
    }
}
