using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Pages.Messages;

/// <summary>What became of a conversation's listing, in a badge's words and style; null while it is for sale.</summary>
public static class ListingState
{
    public static (string Words, string Style)? Of(ConversationListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Removed ? ("Removed", "badge--removed")
            : listing.Status switch
            {
                ListingStatus.Sold => ("Sold", "badge--sold"),
                ListingStatus.Archived => ("No longer for sale", "badge--archived"),
                ListingStatus.Draft => ("Not for sale", "badge--draft"),
                _ => null,
            };
    }
}
