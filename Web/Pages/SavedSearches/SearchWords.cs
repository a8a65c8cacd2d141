using Marketplace.Contracts.Listings;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Web.Presentation;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>A saved search in a person's words ("“lamp” in Furniture, €10.00 to €50.00, Good"), and its alert choices.</summary>
public static class SearchWords
{
    /// <summary>The alert choices a person picks from, in the order they read them.</summary>
    public static IReadOnlyList<(AlertFrequency Alerts, string Name)> AlertChoices { get; } =
    [
        (AlertFrequency.Immediate, "As soon as they appear"),
        (AlertFrequency.Daily, "Once a day"),
        (AlertFrequency.Off, "Never"),
    ];

    public static string Describe(string? q, string? categoryName, decimal? minPrice, decimal? maxPrice, ItemCondition? condition, Func<decimal, string> money)
    {
        ArgumentNullException.ThrowIfNull(money);
        var what = string.IsNullOrWhiteSpace(q) ? "Everything for sale" : $"“{q.Trim()}”";
        var parts = new List<string> { categoryName is null ? what : $"{what} in {categoryName}" };
        if (minPrice is { } low && maxPrice is { } high)
        {
            parts.Add($"{money(low)} to {money(high)}");
        }
        else if (minPrice is { } lowOnly)
        {
            parts.Add($"from {money(lowOnly)}");
        }
        else if (maxPrice is { } highOnly)
        {
            parts.Add($"up to {money(highOnly)}");
        }

        if (condition is not null)
        {
            parts.Add(ConditionWords.Name(condition));
        }

        return string.Join(", ", parts);
    }

    /// <summary>What a saved search's alerts do, as a sentence's end: "we email you new matches once a day".</summary>
    public static string Alerts(AlertFrequency alerts) => alerts switch
    {
        AlertFrequency.Immediate => "We email you new matches as soon as they appear.",
        AlertFrequency.Daily => "We email you new matches once a day.",
        _ => "We do not email you about it.",
    };

    /// <summary>The search page's address for these filters (a category's slug is the search's own filter).</summary>
    public static string SearchUrl(string? q, string? categorySlug, decimal? minPrice, decimal? maxPrice, ItemCondition? condition)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = q,
            ["category"] = categorySlug,
            ["minPrice"] = minPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["maxPrice"] = maxPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["condition"] = condition?.ToString(),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", query);
    }
}
