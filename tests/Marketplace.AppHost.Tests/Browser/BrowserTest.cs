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
public abstract partial class BrowserTest(LocalBinariesApp app, ChromiumBrowser chromium) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _otherBrowsers = [];
    private IBrowserContext? _context;
    private IPage? _page;
    private IBrowser? _browser;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected LocalBinariesApp App { get; } = app;

    /// <summary>The page this test drives; relative addresses (<c>/listings/create</c>) go to the Web.</summary>
    protected IPage Page => _page ?? throw new InvalidOperationException("The browser test has not started.");

    /// <summary>The browser context of <see cref="Page"/>: another tab of the same visitor is a new page in it.</summary>
    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser test has not started.");

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

        _browser = await chromium.BrowserAsync();
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebAddress.ToString() });
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

        foreach (var other in _otherBrowsers.Append(_context).OfType<IBrowserContext>())
        {
            await other.CloseAsync();
        }
    }

    /// <summary>A page in a browser of its own (no cookies shared with <see cref="Page"/>): another person, or the same one elsewhere.</summary>
    protected async Task<IPage> OpenOtherBrowserAsync(int width = Viewports.DesktopWidth, int height = Viewports.DesktopHeight)
    {
        var context = await (_browser ?? throw new InvalidOperationException("The browser test has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        _otherBrowsers.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the sign-in page as a person does, and waits until the page says who is signed in.</summary>
    protected Task SignInAsync(TestAccount account) => SignInAsync(Page, account);

    /// <summary>Signs in on <paramref name="page"/>; the header says who is signed in (in its menu, on a phone).</summary>
    protected static async Task SignInAsync(IPage page, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(account);
        await page.GotoAsync("/account/sign-in");
        await SubmitWaitingOutTheLimitAsync(page, async () =>
        {
            await page.GetByLabel("Email").FillAsync(account.Email);
            await page.GetByLabel("Password").FillAsync(account.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }, page.GetByText($"Signed in as {account.DisplayName}"));
    }

    /// <summary>
    /// Submits a form of an anonymous operation until <paramref name="done"/> shows. All tests come from one address,
    /// whose anonymous requests the Api limits: when the page says how long to wait, the test waits and submits again.
    /// </summary>
    protected static async Task SubmitWaitingOutTheLimitAsync(IPage page, Func<Task> submit, ILocator done)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(done);
        for (var attempt = 1; ; attempt++)
        {
            await submit();
            var tooMany = page.GetByText(TooManyAttempts());
            await Expect(done.Or(tooMany).First).ToBeAttachedAsync();
            if (attempt == 4 || await tooMany.CountAsync() == 0)
            {
                break;
            }

            var seconds = int.Parse(TooManyAttempts().Match(await tooMany.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds + 1, AnonymousBudget.LongestWait.TotalSeconds)), Ct);
        }

        await Expect(done).ToBeAttachedAsync();
    }

    /// <summary>Creates the account on the register page, as a person does; its address is not verified yet.</summary>
    protected async Task RegisterAsync(TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        await Page.GotoAsync("/account/register");
        await SubmitWaitingOutTheLimitAsync(Page, async () =>
        {
            await Page.GetByLabel("Email").FillAsync(account.Email);
            await Page.GetByLabel("Display name").FillAsync(account.DisplayName);
            await Page.GetByLabel("Password").FillAsync(account.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        }, Page.GetByRole(AriaRole.Heading, new() { Name = "Check your mail" }));
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

    [GeneratedRegex(@"Please wait (\d+) seconds")]
    private static partial Regex TooManyAttempts();
}
