using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>What the defect tests look for on a page, as a person would notice it.</summary>
public static partial class PageChecks
{
    /// <summary>Waits until every photo on the page has loaded, the lazy ones below the fold too.</summary>
    public static Task LoadAllImagesAsync(IPage page) => (page ?? throw new ArgumentNullException(nameof(page))).EvaluateAsync(
        "() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.complete ? null : new Promise(r => { i.onload = i.onerror = r; }); }))");

    /// <summary>
    /// The photos shown squashed or stretched: drawn into a box of another shape without being fitted into it
    /// (<c>object-fit</c> contain or cover keeps the shape; the default, fill, does not).
    /// </summary>
    public static async Task<IReadOnlyList<string>> DistortedImagesAsync(IPage page)
    {
        await LoadAllImagesAsync(page);
        return await page.EvaluateAsync<string[]>("""
            () => [...document.images]
                .filter(i => i.complete && i.naturalWidth > 0)
                .map(i => ({ i, box: i.getBoundingClientRect(), fit: getComputedStyle(i).objectFit }))
                .filter(({ i, box, fit }) => box.width > 0 && box.height > 0 && fit !== 'contain' && fit !== 'cover'
                    && Math.abs(box.width / box.height - i.naturalWidth / i.naturalHeight) > 0.02 * (i.naturalWidth / i.naturalHeight))
                .map(({ i, box }) => `${i.alt || i.src}: ${i.naturalWidth}x${i.naturalHeight} shown as ${Math.round(box.width)}x${Math.round(box.height)}`)
            """);
    }

    /// <summary>How wide the page is: wider than the window means it scrolls sideways.</summary>
    public static Task<int> WidthAsync(IPage page) =>
        (page ?? throw new ArgumentNullException(nameof(page))).EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>
    /// The page's text has nothing written for an Api client rather than a person: no endpoint, no field's code name,
    /// no framework's default validation text, no listing's database number.
    /// </summary>
    public static async Task AssertWrittenForPeopleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var text = await page.Locator("body").InnerTextAsync();
        var found = ApiWording().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(found.Count == 0, $"The page {page.Url} shows words meant for the Api's clients: {string.Join(" | ", found)}");
    }

    [GeneratedRegex(@"(GET|POST|PUT|PATCH|DELETE) /api/\S*|/api/\S+|\b(minPrice|maxPrice|categorySlug|displayName|newEmail|currentPassword|newPassword|altText)\b|The \w+ field is required|The field \w+ must|Listing \d+ is|One or more validation errors")]
    private static partial Regex ApiWording();
}
