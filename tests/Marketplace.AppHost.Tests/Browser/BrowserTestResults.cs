using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Where the browser tests put their screenshots: <c>TestResults/browser/</c> at the repository's root, beside the
/// .trx files that <c>tests/test.runsettings</c> sends to <c>TestResults/</c> (and that CI keeps).
/// </summary>
public static class BrowserTestResults
{
    public static string Folder { get; } = Path.Combine(AppHostTestRun.RepositoryRoot(), "TestResults", "browser");

    /// <summary>The path of a screenshot named <paramref name="name"/>.png, its folder created.</summary>
    public static string ScreenshotPath(string name)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{name}.png");
    }
}
