using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Listings;

/// <summary>What the shared listing fields need: the values, the category tree, the currency (its symbol and name), and which fields have errors.</summary>
public sealed record ListingFieldsView(
    ListingInput Input, IReadOnlyList<CategoryOption> Categories, string CurrencySymbol, string CurrencyName, ModelStateDictionary ModelState);
