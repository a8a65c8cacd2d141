using Marketplace.Contracts.Listings;

namespace Marketplace.Web.Pages;

/// <summary>A search as "Save this search" keeps it (words, category, price range, condition), and the results' address to come back to.</summary>
public sealed record SearchToSave(string? Q, string? CategorySlug, decimal? MinPrice, decimal? MaxPrice, ItemCondition? Condition, string ReturnUrl);
