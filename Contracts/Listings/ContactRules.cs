namespace Marketplace.Contracts.Listings;

/// <summary>What a buyer's message to a seller may hold.</summary>
public static class ContactRules
{
    public const int MessageMaxLength = 2000;
}
