using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// Every page of the Web's route table (<see cref="WebRoutes"/>), signed out and signed in as the seller whose listings
/// the addresses name, at 1280 and at 390 px: axe-core finds no serious or critical accessibility violation, and at
/// 390 px no page is wider than the screen (nothing scrolls sideways, long words included). Every page also carries the
/// Security issue's headers, and the browser reports no Content-Security-Policy violation on any of them (a script,
/// style or photo the policy refuses would be a broken page). The seller has a conversation and a saved search, so
/// the Talk pages (messages, a conversation, saved searches) are scanned with something in them.
/// </summary>
public sealed class PageScanTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task Every_page_has_no_serious_accessibility_violation_and_none_scrolls_sideways_on_a_phone()
    {
        var scene = await MarketplaceScene.CreateAsync(App.App, Page, Ct);
        var admin = await TestAccount.New("Ada").CreateAdminAsync(App.App, Ct);
        var (buyer, conversation, savedSearch) = await scene.TalkAsync(App.App, Ct);
        var conversationReport = await scene.ReportConversationAsync(App.App, buyer, conversation, admin, Ct);
        var values = new Dictionary<string, IReadOnlyList<string>>
        {
            ["{id:int}"] = [(await CategoryIdAsync("furniture")).ToString(CultureInfo.InvariantCulture)],
            ["{conversationId:long}"] = [conversation.ToString(CultureInfo.InvariantCulture)],
            ["{searchId:long}"] = [savedSearch.ToString(CultureInfo.InvariantCulture)],
            ["{reportId:long}"] = [conversationReport.ToString(CultureInfo.InvariantCulture)],
            ["{id:long}"] = [scene.Active.ToString(CultureInfo.InvariantCulture), scene.Archived.ToString(CultureInfo.InvariantCulture)],
            ["{id:guid}"] = [scene.SellerId.ToString()],
            ["{slug}"] = ["furniture"],
            ["{change}"] = ["archive", "sold", "delete"],
            ["{imageId:long}"] = [scene.Image.ToString(CultureInfo.InvariantCulture)],
        };
        var addresses = WebRoutes.Templates.SelectMany(template => WebRoutes.Addresses(template, values)).ToList();
        Assert.Contains("/account", addresses);
        Assert.Contains($"/listings/{scene.Active}", addresses);
        Assert.Contains($"/messages/{conversation}", addresses);

        var findings = new List<string>();
        var pages = 0;
        // Signed out and as the seller every page (the admin pages are the 404 page to them); as an admin, the admin pages.
        foreach (var who in new (TestAccount? Account, string Name)[] { (null, "signed out"), (scene.Seller, "signed in"), (admin, "signed in as an admin") })
        {
            var page = await OpenOtherBrowserAsync();
            var refusals = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    refusals.Add(message.Text);
                }
            };
            if (who.Account is { } account)
            {
                await SignInAsync(page, account);
            }

            foreach (var (width, height) in Viewports.Both)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var address in who.Account == admin ? addresses.Where(a => a.StartsWith("/admin", StringComparison.Ordinal)) : addresses)
                {
                    var where = $"{address} at {width} px, {who.Name}";
                    refusals.Clear();
                    var response = await page.GotoAsync(address);
                    pages++;
                    findings.AddRange(MissingSecurityHeaders(await response!.AllHeadersAsync()).Select(missing => $"{where}: {missing}"));
                    var result = await page.RunAxe();
                    foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
                    {
                        findings.Add($"{where}: {violation.Impact} {violation.Id} ({violation.Help}) at " +
                                     string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html)));
                    }

                    // The Security issue's Content-Security-Policy forbids them: no inline script, style attribute or handler.
                    var inline = await page.EvaluateAsync<string[]>(InlineCode);
                    findings.AddRange(inline.Select(code => $"{where}: inline {code}"));
                    findings.AddRange(refusals.Select(refusal => $"{where}: {refusal}"));

                    if (width == Viewports.PhoneWidth)
                    {
                        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                        if (scrollWidth > width)
                        {
                            findings.Add($"{where}: the page is {scrollWidth} px wide, so it scrolls sideways; the widest: " +
                                         await page.EvaluateAsync<string>(WidestElements));
                        }
                    }
                }
            }
        }

        var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{pages} pages scanned ({addresses.Count} addresses, {WebRoutes.Templates.Count} routes).");
        findings.ForEach(f => report.AppendLine(f));
        Directory.CreateDirectory(BrowserTestResults.Folder);
        await File.WriteAllTextAsync(Path.Combine(BrowserTestResults.Folder, "page-scan.txt"), report.ToString(), Ct);
        Assert.True(findings.Count == 0, report.ToString());
    }

    private async Task<int> CategoryIdAsync(string slug)
    {
        using var api = App.App.CreateHttpClient("api");
        var category = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/categories/{slug}", UriKind.Relative), Ct);
        return category.GetProperty("id").GetInt32();
    }

    private static IEnumerable<string> MissingSecurityHeaders(Dictionary<string, string> headers)
    {
        var policy = headers.GetValueOrDefault("content-security-policy");
        if (policy is null || policy.Contains("'unsafe-inline'", StringComparison.Ordinal) || !policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
        {
            yield return $"Content-Security-Policy is '{policy}'";
        }

        if (headers.GetValueOrDefault("x-content-type-options") != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (headers.GetValueOrDefault("referrer-policy") != "strict-origin-when-cross-origin")
        {
            yield return "no Referrer-Policy: strict-origin-when-cross-origin";
        }

        if (!headers.ContainsKey("permissions-policy"))
        {
            yield return "no Permissions-Policy";
        }
    }

    private const string InlineCode = """
        () => [...document.querySelectorAll('*')].flatMap(e => [
            ...(e.tagName === 'SCRIPT' && !e.src ? ['script'] : []),
            ...(e.hasAttribute('style') ? [`style attribute on ${e.tagName.toLowerCase()}`] : []),
            ...[...e.attributes].filter(a => a.name.startsWith('on')).map(a => `${a.name} on ${e.tagName.toLowerCase()}`),
        ])
        """;

    // The elements that stick out past the right edge, deepest first: where a long word or a wide box is.
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(-3)
            .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} (${Math.round(e.getBoundingClientRect().right)} px)`)
            .join(', ')
        """;
}
