namespace Marketplace.Contracts.SavedSearches;

/// <summary>How many searches one account may keep.</summary>
public static class SavedSearchRules
{
    public const int MaxPerAccount = 50;
}
