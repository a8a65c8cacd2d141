using System.Globalization;
using Marketplace.Contracts.Listings;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Listings;

/// <summary>The listing form's fields as typed (the price as text, so a wrong one is shown back as it was).</summary>
public sealed class ListingInput
{
    /// <summary>The Api's JSON field names → this form's fields, under the page's <c>Input</c> property.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["title"] = "Input.Title",
        ["description"] = "Input.Description",
        ["price"] = "Input.Price",
        ["categorySlug"] = "Input.CategorySlug",
        ["category"] = "Input.CategorySlug",
    };

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Price { get; set; }

    public string? CategorySlug { get; set; }

    public static ListingInput From(ListingResponse listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new ListingInput
        {
            Title = listing.Title,
            Description = listing.Description,
            Price = listing.Price.ToString("0.00", CultureInfo.InvariantCulture),
            CategorySlug = listing.CategorySlug,
        };
    }

    /// <summary>
    /// The request for the Api. The problems the Api cannot be asked about go into <paramref name="modelState"/> here: a
    /// price that is not a number, and one with more than two decimal places (the request's price is a two-place string,
    /// so it would arrive rounded). The request then has no price, so the Api still judges the other fields and cannot
    /// accept it. Everything else the Api judges.
    /// </summary>
    public ListingRequest ToRequest(ModelStateDictionary modelState, ListingStatus? status)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Price))
        {
            price = Prices.Parse(Price);
            if (price is null)
            {
                modelState.AddModelError("Input.Price", "Enter a price as a number, such as 24.50.");
            }
            else if (decimal.Round(price.Value, 2) != price.Value)
            {
                // The price travels as a two-place decimal string: 19.999 would arrive as 20.00, so it is never sent.
                modelState.AddModelError("Input.Price", "A price has at most two decimal places, such as 24.50.");
                price = null;
            }
        }

        return new ListingRequest
        {
            Title = Title ?? "",
            Description = Description ?? "",
            Price = price,
            CategorySlug = string.IsNullOrWhiteSpace(CategorySlug) ? null : CategorySlug,
            Status = status,
        };
    }
}
