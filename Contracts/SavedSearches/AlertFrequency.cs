namespace Marketplace.Contracts.SavedSearches;

/// <summary>Whether and how often a saved search mails its new matches.</summary>
public enum AlertFrequency
{
    /// <summary>No mail; the saved search still counts its new matches.</summary>
    Off,

    /// <summary>A mail soon after new matches appear.</summary>
    Immediate,

    /// <summary>At most one mail a day, with every match since the last.</summary>
    Daily,
}
