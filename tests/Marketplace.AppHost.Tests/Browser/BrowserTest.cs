using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using Marketplace.AppHost.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// A test in a real browser against the shared local-binaries app: a fresh browser context (no cookies, no storage)
/// on the Web's address for each test, and a full-page screenshot under <see cref="BrowserTestResults"/> named after
/// the test when it fails. Skips, saying why, when the app or Chromium cannot run here.
/// </summary>
[Collection(LocalBinariesAppGroup.Name)]
public abstract class BrowserTest(LocalBinariesApp app, ChromiumBrowser chromium) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected LocalBinariesApp App { get; } = app;

    /// <summary>The page this test drives; relative addresses (<c>/listings/create</c>) go to the Web.</summary>
    protected IPage Page => _page ?? throw new InvalidOperationException("The browser test has not started.");

    protected Uri WebAddress { get; private set; } = new("http://localhost/");

    public async ValueTask InitializeAsync()
    {
        App.SkipUnlessRunning();
        if (chromium.SkipReason is not null)
        {
            Assert.Skip(chromium.SkipReason);
        }

        await App.App.ResourceNotifications.WaitForResourceHealthyAsync(WebBuilderExtensions.ResourceName, Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        WebAddress = App.App.GetEndpoint(WebBuilderExtensions.ResourceName, "http");

        var browser = await chromium.BrowserAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebAddress.ToString() });
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserTestResults.ScreenshotPath(FailedTestName()), FullPage = true });
            await BrowserTestResults.SaveLogsAsync(App.App, FailedTestName(), [WebBuilderExtensions.ResourceName, "api"]);
        }

        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    /// <summary>Signs in on the sign-in page as a person does, and waits until the page says who is signed in.</summary>
    protected async Task SignInAsync(TestAccount account)
    {
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync(account.Email);
        await Page.GetByLabel("Password").FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByText($"Signed in as {account.DisplayName}")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The field shows an error as assistive technology announces it: marked invalid, and described by the error text
    /// that stands next to it (<c>aria-invalid</c> + <c>aria-describedby</c>).
    /// </summary>
    protected static async Task ExpectFieldErrorAsync(ILocator field, Regex message)
    {
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync(message);
    }

    /// <summary>Saves a full-page screenshot of what the page shows now, for a reviewer.</summary>
    protected Task SaveScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserTestResults.ScreenshotPath(name), FullPage = true });

    private static string FailedTestName() =>
        $"{TestContext.Current.TestClass?.TestClassSimpleName}.{TestContext.Current.TestMethod?.MethodName}.failed";
}
