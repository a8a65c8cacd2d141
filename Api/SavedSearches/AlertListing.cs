using Marketplace.Data.Entities;

namespace Marketplace.Api.SavedSearches;

/// <summary>A listing as an alert mail names it.</summary>
public sealed record AlertListing(long Id, string Title, decimal Price, ItemCondition? Condition);
