namespace Marketplace.Api.Listings;

/// <summary>Why <see cref="ListingAccess"/> refused an action; <see cref="ListingProblems"/> says it to the caller.</summary>
public enum ListingRefusal
{
    /// <summary>No such listing, or none this caller may know of: the same answer for both.</summary>
    NotFound,

    /// <summary>The caller is its seller, and the action is for everyone else.</summary>
    OwnListing,

    Archived,

    /// <summary>An admin removed it: only an admin restores it.</summary>
    Removed,

    Sold,

    /// <summary>It has been public: it cannot be a draft again, nor be deleted.</summary>
    Published,

    /// <summary>Only an archived listing is relisted.</summary>
    NotArchived,
}
