using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using ListingCategory = Marketplace.Data.Entities.ListingCategory;

namespace Marketplace.Api.Listings;

/// <summary>
/// Where a listing is filed: the category (the source of truth since AddCategoryModel) and the legacy column that old
/// clients and old rows still read, kept consistent with each other. This is the step whose absence caused the incident.
/// </summary>
public sealed record ListingPlacement(int CategoryId, string CategorySlug, ListingCategory LegacyCategory)
{
    public static async ValueTask<(ListingPlacement? Placement, ValidationProblem? Problem)> ResolveAsync(
        ListingRequest request,
        CategoryCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.CategorySlug))
        {
            var (tree, category) = await catalog.FindAsync(request.CategorySlug, cancellationToken);
            if (category is null)
            {
                return (null, ApiErrors.Field("categorySlug", $"There is no active category '{request.CategorySlug}'."));
            }

            var legacy = tree.LegacyCategoryOf(category);
            if (request.Category?.ToStored() is { } given && given != legacy)
            {
                return (null, ApiErrors.Field("category",
                    $"category {given} does not match categorySlug '{category.Slug}', which is filed under {legacy}; " +
                    "send categorySlug alone, or both consistently."));
            }

            return (new ListingPlacement(category.Id, category.Slug, legacy), null);
        }

        // Validation guarantees one of the two; an old client sends only the legacy value.
        var legacyOnly = request.Category!.Value.ToStored();
        var (_, baseCategory) = await catalog.FindAsync(MarketplaceEnums.SlugOf(legacyOnly), cancellationToken);
        return baseCategory is null
            ? (null, ApiErrors.Field("category", $"The category {legacyOnly} is not active."))
            : (new ListingPlacement(baseCategory.Id, baseCategory.Slug, legacyOnly), null);
    }
}
