using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Pages;

/// <summary>
/// A listing as a card shows it: its first photo's thumbnail, title (the link, which covers the whole card), price,
/// category and age. <paramref name="Eager"/> for the first cards of a page, whose photos are above the fold.
/// </summary>
public sealed record ListingCard(ListingResponse Listing, string CategoryName, bool Eager = false)
{
    /// <summary>The size of the thumbnail rendition's frame (4:3), for the browser to keep its place before it loads.</summary>
    public const int ThumbnailWidth = 320;

    public const int ThumbnailHeight = 240;

    /// <summary>How many cards of a page load their photo at once; the rest wait until they are scrolled near.</summary>
    public const int EagerCount = 4;

    public static IEnumerable<ListingCard> Of(IEnumerable<ListingResponse> listings, Func<ListingResponse, string> categoryName) =>
        (listings ?? []).Select((listing, i) => new ListingCard(listing, categoryName(listing), i < EagerCount));
}
