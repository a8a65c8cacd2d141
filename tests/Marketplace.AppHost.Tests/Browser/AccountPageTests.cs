using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The account page (/account): the display name, a new password, a new email address confirmed by mail, a new
/// verification link, signing out everywhere, downloading the account's data and deleting it; each form with the same
/// error display as every other.
/// </summary>
public sealed partial class AccountPageTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_new_display_name_shows_in_the_header_at_once()
    {
        var account = await TestAccount.New("Olga").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();

        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" }).FillAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save display name" }).ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" }), Sentence());

        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" }).FillAsync("Olga from the Attic");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save display name" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Olga from the Attic");
        await Expect(Page.GetByText("Signed in as Olga from the Attic")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_new_password_needs_the_current_one_keeps_this_session_and_is_the_one_to_sign_in_with()
    {
        var account = await TestAccount.New("Piet").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);
        var elsewhere = await OpenOtherBrowserAsync();
        await SignInAsync(elsewhere, account);
        await Page.GotoAsync("/account");

        await Page.GetByLabel("Current password").FillAsync("not my password at all");
        await Page.GetByLabel("New password").FillAsync("a new long passphrase");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByLabel("Current password"), CurrentPassword());

        await Page.GetByLabel("Current password").FillAsync(account.Password);
        await Page.GetByLabel("New password").FillAsync("a new long passphrase");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
        await Page.GotoAsync("/me/listings");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My listings" })).ToBeVisibleAsync();

        // The other browser's session ended with the change.
        await elsewhere.GotoAsync("/me/listings");
        await Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await SignInAsync(elsewhere, account with { Password = "a new long passphrase" });
    }

    [Fact]
    public async Task A_new_email_address_is_the_accounts_once_the_link_mailed_to_it_is_followed()
    {
        var account = await TestAccount.New("Quinn").RegisterVerifiedAsync(App.App, Ct);
        var newEmail = $"quinn-moved-{Guid.NewGuid():N}@example.com";
        await SignInAsync(account);
        await Page.GotoAsync("/account");

        await Page.GetByLabel("New email address").FillAsync("not an address");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send a confirmation link" }).ClickAsync();
        await ExpectFieldErrorAsync(Page.GetByLabel("New email address"), Sentence());
        await ExpectFieldErrorAsync(Page.GetByLabel("Your password"), Sentence());

        await Page.GetByLabel("New email address").FillAsync(newEmail);
        await Page.GetByLabel("Your password").FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send a confirmation link" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync(newEmail);

        var link = await Smtp4devInbox.VerificationLinkAsync(App.App, newEmail, Ct);
        await Page.GotoAsync(link.PathAndQuery);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email" }).ClickAsync();
        await Page.GotoAsync("/account");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync(newEmail);
    }

    [Fact]
    public async Task An_unverified_account_asks_for_a_new_link_from_its_account_page()
    {
        var account = TestAccount.New("Rosa");
        await RegisterAsync(account);
        await SignInAsync(account);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Send it again" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the link again" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("We sent you a new link");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_this_session_and_every_other()
    {
        var account = await TestAccount.New("Sven").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);
        var elsewhere = await OpenOtherBrowserAsync();
        await SignInAsync(elsewhere, account);
        await Page.GotoAsync("/account");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out everywhere");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await elsewhere.GotoAsync("/account");
        await Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Downloading_the_data_gives_a_file_of_the_account_and_deleting_it_needs_the_password_and_signs_out_for_good()
    {
        var account = await TestAccount.New("Rosa").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(account);
        await Page.GotoAsync("/account");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download your data" }).ClickAsync());
        Assert.Matches(@"^marketplace-account-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        using (var export = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync(), Ct)))
        {
            Assert.Equal(account.Email, export.RootElement.GetProperty("account").GetProperty("email").GetString(), ignoreCase: true);
        }

        var password = Page.GetByLabel("Password, to confirm it is you");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await ExpectFieldErrorAsync(password, Sentence());
        await password.FillAsync("not my password at all");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await ExpectFieldErrorAsync(password, CurrentPassword());

        await password.FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account is deleted");
        await Page.GotoAsync("/account");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(account.Email);
            await Page.GetByLabel("Password").FillAsync(account.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }, Page.GetByText("The email or password is not right.").First);
        await Expect(Page.GetByText("The email or password is not right.").First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"[A-Z][a-z]+ .{8,}")]
    private static partial Regex Sentence();

    [GeneratedRegex("not your current password")]
    private static partial Regex CurrentPassword();
}
