using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

/// <summary>Everything for sale, narrowed: words, a category from the tree (with its subcategories), a price range, a sort.</summary>
public sealed class SearchModel(MarketplaceApiClient api) : ListingResultsModel(api)
{
    public override bool ChoosesCategory => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await CategoryOption.LoadToBrowseAsync(Api, cancellationToken);
        await LoadResultsAsync(Category, cancellationToken);
        return Page();
    }

    public override string PageUrl(string? cursor) =>
        Url.Page("/Search", new { q = Q, category = Category, minPrice = MinPrice, maxPrice = MaxPrice, condition = Condition, sort = Sort, cursor }) ?? "/search";
}
