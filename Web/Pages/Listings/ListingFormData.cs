using Marketplace.Web.Api;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Listings;

/// <summary>What the Sell and Edit forms show besides the values: the category tree and the marketplace's currency.</summary>
public sealed record ListingFormData(IReadOnlyList<CategoryOption> Categories, string CurrencySymbol, string CurrencyName)
{
    public static readonly ListingFormData None = new([], "", "the marketplace's currency");

    public static async Task<ListingFormData> LoadAsync(MarketplaceApiClient api, Money money, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(money);
        var categories = await CategoryOption.LoadAsync(api, cancellationToken);
        // Without the settings the form still works: the currency is then not named.
        return await api.GetSettingsAsync(cancellationToken) is { } settings
            ? new ListingFormData(categories, money.SymbolOf(settings.Currency), settings.Currency)
            : None with { Categories = categories };
    }

    public ListingFieldsView View(ListingInput input, ModelStateDictionary modelState) =>
        new(input, Categories, CurrencySymbol, CurrencyName, modelState);
}
