using Marketplace.Contracts.SavedSearches;
using Marketplace.Web.Api;
using Marketplace.Web.Pages.SavedSearches;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Alerts;

/// <summary>
/// An alert mail's unsubscribe link, for whoever holds it, signed in or not. A GET only shows the search and one
/// button (mail scanners follow links; nothing changes); the POST stops the search's alert mails and says so. The POST
/// needs no form token: the link's own token is what proves it, and a mail client's one-click unsubscribe (RFC 8058)
/// posts to this same address without one.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(MarketplaceApiClient api, Money money) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public AlertSubscriptionResponse? Subscription { get; private set; }

    /// <summary>What the search looks for, in words.</summary>
    public string Words { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Search is null || string.IsNullOrWhiteSpace(Token))
        {
            ModelState.AddModelError(ProblemModelState.FormKey, "This link is not complete. Open the link from the email again, or copy all of it.");
            return Page();
        }

        var answer = await api.GetAlertSubscriptionAsync(Search.Value, Token, cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddModelError(ProblemModelState.FormKey, PersonMessages.ForProblem(answer.Problem, FormPurpose.Unsubscribe));
            return Page();
        }

        Subscription = answer.Value;
        var currency = (await api.GetSettingsAsync(cancellationToken))?.Currency;
        var categories = await CategoryOption.LoadToBrowseAsync(api, cancellationToken);
        var category = Subscription.CategorySlug is { } slug ? categories.FirstOrDefault(c => c.Slug == slug)?.Name : null;
        Words = SearchWords.Describe(Subscription.Q, category, Subscription.MinPrice, Subscription.MaxPrice, Subscription.Condition,
            amount => currency is null ? amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : money.Format(amount, currency));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Search is null || string.IsNullOrWhiteSpace(Token))
        {
            return await OnGetAsync(cancellationToken);
        }

        var answer = await api.UnsubscribeAlertsAsync(Search.Value, Token, cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddModelError(ProblemModelState.FormKey, PersonMessages.ForProblem(answer.Problem, FormPurpose.Unsubscribe));
            return Page();
        }

        // Back to the link's page, which now says the mails have stopped (a reload sends nothing again).
        return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/alerts/unsubscribe",
            new Dictionary<string, string?> { ["search"] = Search.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ["token"] = Token }));
    }
}
