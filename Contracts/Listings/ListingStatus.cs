namespace Marketplace.Contracts.Listings;

/// <summary>Where a listing is in its life, as the Api writes it (by name).</summary>
public enum ListingStatus
{
    Draft,
    Active,
    Sold,
    Archived,
}
