using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.SavedSearches;

/// <summary>
/// A saved search's own address (the alert mails link here): opens its results, and counts as a visit, so its new
/// matches start again from now. Only its owner: anyone else signs in first, then gets "Page not found".
/// </summary>
public sealed class OpenModel(MarketplaceApiClient api) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long searchId, CancellationToken cancellationToken)
    {
        var visited = await api.VisitSavedSearchAsync(searchId, cancellationToken);
        var search = visited.Value;
        if (!visited.Succeeded && visited.Problem.Status != StatusCodes.Status404NotFound)
        {
            // Not counted as a visit this time (too many at once): the results still open.
            var list = await api.GetSavedSearchesAsync(cancellationToken);
            search = list.Succeeded ? list.Value.Items.FirstOrDefault(s => s.Id == searchId) : null;
        }

        if (search is null)
        {
            return NotFound();
        }

        return Redirect(SearchWords.SearchUrl(search.Q, search.CategorySlug, search.MinPrice, search.MaxPrice, search.Condition));
    }
}
