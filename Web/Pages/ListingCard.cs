using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Pages;

/// <summary>
/// A listing as a card shows it: its first photo's thumbnail, title (the link, which covers the whole card), price,
/// condition, category and age, and a heart to save it. <paramref name="Eager"/> for the first cards of a page, whose
/// photos are above the fold; <paramref name="Saved"/> when the signed-in visitor keeps it in their saved listings.
/// </summary>
public sealed record ListingCard(ListingResponse Listing, string CategoryName, bool Eager = false, bool Saved = false)
{
    /// <summary>The size of the thumbnail rendition's frame (4:3), for the browser to keep its place before it loads.</summary>
    public const int ThumbnailWidth = 320;

    public const int ThumbnailHeight = 240;

    /// <summary>How many cards of a page load their photo at once; the rest wait until they are scrolled near.</summary>
    public const int EagerCount = 4;

    /// <summary>The card's element id, which a heart's form comes back to.</summary>
    public string Anchor => FormattableString.Invariant($"listing-{Listing.Id}");

    public static IEnumerable<ListingCard> Of(
        IEnumerable<ListingResponse> listings, Func<ListingResponse, string> categoryName, IReadOnlySet<long>? saved = null) =>
        (listings ?? []).Select((listing, i) => new ListingCard(listing, categoryName(listing), i < EagerCount, saved?.Contains(listing.Id) == true));
}
