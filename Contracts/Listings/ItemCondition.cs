namespace Marketplace.Contracts.Listings;

/// <summary>The state of the item a listing sells, as its seller states it (by name). A listing without one has not stated it.</summary>
public enum ItemCondition
{
    New,
    LikeNew,
    Good,
    Fair,
    ForParts,
}
