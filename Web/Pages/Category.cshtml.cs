using Marketplace.Contracts.Categories;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

/// <summary>A category's page: where it sits in the tree (breadcrumbs), its subcategories, and what is for sale in it and under it.</summary>
public sealed class CategoryModel(MarketplaceApiClient api) : ListingResultsModel(api)
{
    public CategoryDetailResponse CategoryShown { get; private set; } = null!;

    public override bool ChoosesCategory => false;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var category = await Api.GetCategoryAsync(slug, cancellationToken);
        if (!category.Succeeded)
        {
            return NotFound();
        }

        CategoryShown = category.Value;
        Categories = await CategoryOption.LoadToBrowseAsync(Api, cancellationToken);
        await LoadResultsAsync(slug, cancellationToken);
        return Page();
    }

    public override string PageUrl(string? cursor) =>
        Url.Page("/Category", new { slug = CategoryShown.Slug, q = Q, minPrice = MinPrice, maxPrice = MaxPrice, condition = Condition, sort = Sort, cursor })
        ?? $"/c/{CategoryShown.Slug}";
}
