using System.Security.Claims;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Listings;

/// <summary>One listing: its photos, price, category, description and seller; contact the seller; report it.</summary>
public sealed class DetailsModel(MarketplaceApiClient api) : PageModel
{
    public ListingResponse Listing { get; private set; } = null!;

    public string? CategoryName { get; private set; }

    public bool IsSeller => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == Listing.SellerId;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var listing = await api.GetListingAsync(id, cancellationToken);
        if (!listing.Succeeded)
        {
            return false;
        }

        Listing = listing.Value;
        var category = Listing.CategorySlug is { } slug ? await api.GetCategoryAsync(slug, cancellationToken) : null;
        CategoryName = category?.Succeeded == true ? string.Join(" › ", category.Value.Path.Select(p => p.Name)) : Listing.Category.ToString();
        return true;
    }
}
