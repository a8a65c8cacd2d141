namespace Marketplace.Contracts.Listings;

/// <summary>What a listing may hold: the limits the Api validates, the Web's forms state and the schema's columns use.</summary>
public static class ListingRules
{
    public const int TitleMaxLength = 200;

    public const int DescriptionMaxLength = 5000;

    /// <summary>The longest words a search (and a saved search) may hold.</summary>
    public const int QueryMaxLength = 200;

    /// <summary>The largest price a numeric(12,2) column holds.</summary>
    public const decimal MaxPrice = 9_999_999_999.99m;
}
