namespace Marketplace.Contracts.Listings;

/// <summary>The problem types the Api answers about a listing's state, so that a client can tell the refusals apart.</summary>
public static class ListingProblemTypes
{
    /// <summary>The listing is archived: it cannot be changed until it is relisted.</summary>
    public const string Archived = "urn:marketplace:problem:listing-archived";

    /// <summary>An admin removed the listing: its seller can neither relist nor delete it.</summary>
    public const string Removed = "urn:marketplace:problem:listing-removed";

    /// <summary>The listing has been public: it cannot go back to being a draft, nor be deleted; it can be archived.</summary>
    public const string Published = "urn:marketplace:problem:listing-published";

    /// <summary>Only an archived listing can be relisted.</summary>
    public const string NotArchived = "urn:marketplace:problem:listing-not-archived";
}
