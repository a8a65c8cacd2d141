namespace Marketplace.Data.Entities;

/// <summary>
/// A search an account keeps, with the search's own filters (words, a category with its subcategories, a price range, a
/// condition), the listings found for it since (<see cref="SavedSearchMatch"/>), and whether new ones are mailed.
/// </summary>
public sealed class SavedSearch
{
    public long Id { get; set; }

    public Guid UserId { get; set; }
    public User? User { get; set; }

    /// <summary>Words in the search's web-search syntax; null for none.</summary>
    public string? Query { get; set; }

    /// <summary>The category, its subcategories included; null for every category. A category deleted (never done: they are deactivated) clears it.</summary>
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }

    public decimal? MinPrice { get; set; }

    public decimal? MaxPrice { get; set; }

    public ItemCondition? Condition { get; set; }

    public AlertFrequency Alerts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its owner last opened its results: matches since are "new".</summary>
    public DateTimeOffset LastVisitedAt { get; set; }

    /// <summary>When its last alert mail was queued; a daily digest waits a day from here.</summary>
    public DateTimeOffset? LastAlertedAt { get; set; }
}
