using System.Globalization;
using System.Text;
using Marketplace.AppHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Where the browser tests put their screenshots: <c>TestResults/browser/</c> at the repository's root, beside the
/// .trx files that <c>tests/test.runsettings</c> sends to <c>TestResults/</c> (and that CI keeps), with the logs of
/// the resources a failed page came from.
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

    /// <summary>The last lines each resource logged (a page that failed says little; its server's log says why), as <paramref name="name"/>.log.</summary>
    public static async Task SaveLogsAsync(DistributedApplication app, string name, IReadOnlyList<string> resources)
    {
        const int lastLines = 80;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var text = new StringBuilder();
        foreach (var resource in model.Resources.Where(r => resources.Contains(r.Name)))
        {
            var lines = new List<LogLine>();
            try
            {
                await foreach (var batch in logs.GetAllAsync(resource).WithCancellation(timeout.Token))
                {
                    lines.AddRange(batch);
                }
            }
            catch (OperationCanceledException)
            {
                // What arrived within the time is enough.
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"=== {resource.Name}: the last {lastLines} of {lines.Count} lines");
            foreach (var line in lines.TakeLast(lastLines))
            {
                text.AppendLine(line.Content);
            }
        }

        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, $"{name}.log"), text.ToString(), CancellationToken.None);
    }
}
