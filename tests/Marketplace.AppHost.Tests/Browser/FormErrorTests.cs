using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>Each form shows the Api's problems next to the fields they are about, announced, and keeps what was typed.</summary>
public sealed partial class FormErrorTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task Registering_with_a_taken_email_shows_the_same_check_your_mail_page_as_a_new_one_and_names_no_account()
    {
        var existing = await TestAccount.New("Taken").RegisterVerifiedAsync(App.App, Ct);

        await Page.GotoAsync("/account/register");
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(existing.Email.ToUpperInvariant());
            await Page.GetByLabel("Display name").FillAsync("Second Comer");
            await Page.GetByLabel("Password").FillAsync(TestAccount.GoodPassword);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        }, Page.GetByRole(AriaRole.Heading, new() { Name = "Check your mail" }));

        // Nobody learns from the page whether the address has an account: the mail to it says so, to its owner alone.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Check your mail" })).ToBeVisibleAsync();
        await Expect(Page.GetByText(TakenMessage())).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task Registering_with_a_short_password_says_so_next_to_the_password_and_keeps_the_email_and_name()
    {
        var account = TestAccount.New("Shorty");

        await Page.GotoAsync("/account/register");
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(account.Email);
            await Page.GetByLabel("Display name").FillAsync(account.DisplayName);
            await Page.GetByLabel("Password").FillAsync("short");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        }, Page.Locator("input[aria-invalid='true']"));

        await ExpectFieldErrorAsync(Page.GetByLabel("Password"), PasswordMessage());
        await Expect(Page.GetByLabel("Email")).ToHaveValueAsync(account.Email);
        await Expect(Page.GetByLabel("Display name")).ToHaveValueAsync(account.DisplayName);
        await Expect(Page.GetByLabel("Email")).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_is_announced_keeps_the_email_and_signs_nobody_in()
    {
        var account = await TestAccount.New("Wrong").RegisterVerifiedAsync(App.App, Ct);

        await Page.GotoAsync("/account/sign-in");
        // Sign-in counts in the anonymous budget that the whole browser suite shares from one address: wait it out.
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(account.Email);
            await Page.GetByLabel("Password").FillAsync("not the password at all");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }, Page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = WrongPasswordMessage() }));

        // The Api answers one 401 for a wrong email or a wrong password, so the page cannot say which field is wrong.
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(WrongPasswordMessage());
        await Expect(Page.GetByLabel("Email")).ToHaveValueAsync(account.Email);
        await Expect(Page.GetByText($"Signed in as {account.DisplayName}")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task Selling_with_an_empty_title_and_a_bad_price_says_so_next_to_each_and_keeps_the_rest()
    {
        var seller = await TestAccount.New("Seller").RegisterVerifiedAsync(App.App, Ct);
        await SignInAsync(seller);

        await Page.GotoAsync("/listings/create");
        await Page.GetByLabel("Description").FillAsync("A lamp with a green shade; works.");
        await Page.GetByLabel("Price").FillAsync("12.345");
        await Page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Garden" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save and add photos" }).ClickAsync();

        await ExpectFieldErrorAsync(Page.GetByLabel("Title"), TitleMessage());
        await ExpectFieldErrorAsync(Page.GetByLabel("Price"), PriceMessage());
        await Expect(Page.GetByLabel("Description")).ToHaveValueAsync("A lamp with a green shade; works.");
        await Expect(Page.GetByLabel("Price")).ToHaveValueAsync("12.345");
        await Expect(Page.GetByLabel("Category")).ToHaveValueAsync("home-and-garden");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
    }

    [GeneratedRegex("already exists")]
    private static partial Regex TakenMessage();

    [GeneratedRegex("password", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordMessage();

    [GeneratedRegex("email or password is not right", RegexOptions.IgnoreCase)]
    private static partial Regex WrongPasswordMessage();

    [GeneratedRegex("title", RegexOptions.IgnoreCase)]
    private static partial Regex TitleMessage();

    [GeneratedRegex("price", RegexOptions.IgnoreCase)]
    private static partial Regex PriceMessage();

}
