using System.Globalization;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Web.Api;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>
/// The visitor's saved searches, latest first, each with its new matches since they last opened it, its alert choice
/// (as soon as they appear, once a day, never) and Delete; and what "Save this search" on a page of results posts to.
/// </summary>
public sealed class IndexModel(MarketplaceApiClient api, Money money) : PageModel
{
    public IReadOnlyList<SavedSearchResponse> Items { get; private set; } = [];

    private IReadOnlyList<CategoryOption> Categories { get; set; } = [];

    private string? Currency { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>"Save this search" on a page of results: the search's filters, the alerts chosen, and back to the results.</summary>
    public async Task<IActionResult> OnPostSaveAsync(
        string? q, string? categorySlug, string? minPrice, string? maxPrice, string? condition, AlertFrequency? alerts, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/saved-searches";
        var answer = await api.SaveSearchAsync(new SavedSearchRequest
        {
            Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            CategorySlug = string.IsNullOrWhiteSpace(categorySlug) ? null : categorySlug,
            MinPrice = Amount(minPrice),
            MaxPrice = Amount(maxPrice),
            Condition = ConditionWords.Read(condition),
            Alerts = alerts ?? AlertFrequency.Off,
        }, cancellationToken);
        TempData["Notice"] = answer.Succeeded
            ? $"This search is saved, under Saved searches. {SearchWords.Alerts(answer.Value.Alerts)}"
            : PersonMessages.ForProblem(answer.Problem, FormPurpose.SaveSearch);
        return LocalRedirect(back);
    }

    public async Task<IActionResult> OnPostAlertsAsync(long id, AlertFrequency? alerts, CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            ModelState.AddModelError(ProblemModelState.FormKey, "Choose how often we email you new matches.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var answer = await api.UpdateSavedSearchAsync(id, alerts.Value, cancellationToken);
        return await AfterAsync(answer.Succeeded ? null : answer.Problem, answer.Succeeded ? SearchWords.Alerts(answer.Value.Alerts) : "", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await api.DeleteSavedSearchAsync(id, cancellationToken);
        return await AfterAsync(answer.Problem, "The saved search is deleted.", cancellationToken);
    }

    public string Describe(SavedSearchResponse search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var category = search.CategorySlug is { } slug ? Categories.FirstOrDefault(c => c.Slug == slug)?.Name : null;
        return SearchWords.Describe(search.Q, category, search.MinPrice, search.MaxPrice, search.Condition,
            amount => Currency is null ? amount.ToString("N2", CultureInfo.InvariantCulture) : money.Format(amount, Currency));
    }

    private async Task<IActionResult> AfterAsync(ApiProblem? problem, string notice, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Notice"] = notice;
            return Redirect("/saved-searches");
        }

        ModelState.AddProblem(problem, new Dictionary<string, string>(), FormPurpose.ChangeSavedSearch);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = await api.GetSavedSearchesAsync(cancellationToken);
        Items = list.Succeeded ? list.Value.Items : [];
        Categories = await CategoryOption.LoadToBrowseAsync(api, cancellationToken);
        Currency = (await api.GetSettingsAsync(cancellationToken))?.Currency;
    }

    // The results page checked the prices before it offered to save the search: these are its plain decimals.
    private static decimal? Amount(string? text) => Prices.Read(text).Amount;
}
