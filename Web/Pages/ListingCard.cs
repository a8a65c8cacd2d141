using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Pages;

/// <summary>A search result as the card shows it: the listing, its category's name and its first photo's thumbnail.</summary>
public sealed class ListingCard(ListingResponse listing, string categoryName)
{
    public ListingResponse Listing { get; } = listing;

    public string CategoryName { get; } = categoryName;

    public string? ThumbnailUrl => Listing.ThumbnailUrl;

    public string ThumbnailAlt => Listing.Title;
}
