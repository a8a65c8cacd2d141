using Marketplace.AppHost.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for the test run on first use. Playwright's driver ships in
/// its NuGet package; its own browser download cannot work here and is never asked for: the browser is the
/// machine's, by its path (<c>MARKETPLACE_CHROMIUM</c>, else <c>/usr/bin/chromium</c>, else <c>chromium</c> or
/// <c>chromium-browser</c> on PATH).
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _launching = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string? ExecutablePath { get; } = Find();

    /// <summary>Why the browser tests cannot run here: no Chromium on this machine.</summary>
    public string? SkipReason => ExecutablePath is null
        ? "No Chromium at /usr/bin/chromium or on PATH: install it (apt-get install chromium) or name it in MARKETPLACE_CHROMIUM to run the browser tests."
        : null;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The one browser of this run; each test opens its own context in it.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        await _launching.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is null)
            {
                // Playwright's 5 s for an assertion is short for pages served by a 2-core machine that also runs the
                // whole app; an assertion still passes the moment the page shows what it waits for.
                Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    // Chromium's sandbox needs user namespaces that a root process in a CI container does not get.
                    Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
                });
            }

            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _launching.Dispose();
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACE_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : ProgramPath.Find("chromium") ?? ProgramPath.Find("chromium-browser");
    }
}
