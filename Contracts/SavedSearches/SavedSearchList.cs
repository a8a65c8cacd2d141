namespace Marketplace.Contracts.SavedSearches;

/// <summary>Every search the caller saved, latest first (at most <see cref="SavedSearchRules.MaxPerAccount"/>).</summary>
public sealed record SavedSearchList(IReadOnlyList<SavedSearchResponse> Items);
