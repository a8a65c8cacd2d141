namespace Marketplace.Contracts.Listings;

/// <summary>The legacy, fixed category, for clients that predate the category tree.</summary>
public enum ListingCategory
{
    Electronics,
    Furniture,
    Clothing,
    Vehicles,
    HomeAndGarden,
    Sports,
    BooksAndMedia,
    Toys,
    Collectibles,
    Other,
}
