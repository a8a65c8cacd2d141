namespace Marketplace.Contracts.Accounts;

/// <summary>A search the account saved: its words, category, price range and condition, and its alerts (off, immediate, daily).</summary>
public sealed record ExportedSavedSearch(
    long Id, string? Query, int? CategoryId, decimal? MinPrice, decimal? MaxPrice, string? Condition, string Alerts, DateTimeOffset SavedAt);
