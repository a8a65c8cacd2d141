using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Sellers;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Sellers;

/// <summary>A seller's public page: display name, member since, and their active listings. Never their email.</summary>
public sealed class ProfileModel(MarketplaceApiClient api) : PageModel
{
    public SellerProfileResponse Seller { get; private set; } = null!;

    public IReadOnlyList<ListingResponse> Listings { get; private set; } = [];

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public PagerLinks Pager { get; private set; } = new(null, null);

    public IReadOnlySet<long> Saved { get; private set; } = new HashSet<long>();

    public IEnumerable<ListingCard> Cards => ListingCard.Of(Listings, l => CategoryOption.NameOf(Categories, l), Saved);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var seller = await api.GetSellerAsync(id, cancellationToken);
        if (!seller.Succeeded)
        {
            return NotFound();
        }

        Seller = seller.Value;
        var listings = await api.SellerListingsAsync(id, Cursor, cancellationToken);
        if (listings.Succeeded)
        {
            Listings = listings.Value.Items;
            Pager = new PagerLinks(
                listings.Value.PreviousCursor is { } previous ? PageUrl(previous) : null,
                listings.Value.NextCursor is { } next ? PageUrl(next) : null);
        }

        Categories = await CategoryOption.LoadToBrowseAsync(api, cancellationToken);
        Saved = await SavedListingIds.AmongAsync(api, User, Listings.Select(l => l.Id), cancellationToken);
        return Page();
    }

    private string PageUrl(string cursor) => $"/sellers/{Seller.Id}?cursor={Uri.EscapeDataString(cursor)}";
}
