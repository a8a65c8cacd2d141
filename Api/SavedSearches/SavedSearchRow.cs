using Marketplace.Data.Entities;

namespace Marketplace.Api.SavedSearches;

/// <summary>A saved search as read for its owner, with its count of new matches.</summary>
public sealed record SavedSearchRow(SavedSearch Search, int NewMatches);
