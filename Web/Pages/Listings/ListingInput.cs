using System.Globalization;
using Marketplace.Contracts.Listings;
using Marketplace.Web.Presentation;
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
        ["condition"] = "Input.Condition",
    };

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Price { get; set; }

    public string? CategorySlug { get; set; }

    /// <summary>The item's condition by its code name (<c>LikeNew</c>); blank until the seller chooses one.</summary>
    public string? Condition { get; set; }

    public static ListingInput From(ListingResponse listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new ListingInput
        {
            Title = listing.Title,
            Description = listing.Description,
            Price = Prices.ForEditing(listing.Price),
            CategorySlug = listing.CategorySlug,
            Condition = listing.Condition?.ToString(),
        };
    }

    /// <summary>
    /// Checks every field the form can judge, all in one round, into <paramref name="modelState"/> under
    /// <c>Input.*</c>; true when the request may be sent. What only the Api knows (a category removed meanwhile) it
    /// answers itself, and that is shown the same way.
    /// </summary>
    public bool Check(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(Title))
        {
            modelState.AddModelError("Input.Title", "Enter a title: what you are selling, in a few words.");
        }
        else if (Title.Trim().Length > ListingRules.TitleMaxLength)
        {
            modelState.AddModelError("Input.Title", Invariant($"Shorten the title to {ListingRules.TitleMaxLength} characters or fewer."));
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            modelState.AddModelError("Input.Description", "Enter a description: its size, any wear or faults, and anything else a buyer should know.");
        }
        else if (Description.Trim().Length > ListingRules.DescriptionMaxLength)
        {
            modelState.AddModelError("Input.Description", Invariant($"Shorten the description to {ListingRules.DescriptionMaxLength:N0} characters or fewer."));
        }

        var price = Prices.Read(Price);
        if (price.IsEmpty)
        {
            modelState.AddModelError("Input.Price", "Enter a price, such as 24.50 or 24,50; 0 if you give it away.");
        }
        else if (price.Error is { } error)
        {
            modelState.AddModelError("Input.Price", error);
        }

        if (string.IsNullOrWhiteSpace(CategorySlug))
        {
            modelState.AddModelError("Input.CategorySlug", "Choose a category from the list.");
        }

        if (ConditionWords.Read(Condition) is null)
        {
            modelState.AddModelError("Input.Condition", "Choose the condition the item is in.");
        }

        return modelState.IsValid;
    }

    /// <summary>The request for the Api, after <see cref="Check"/> passed (or from a listing the Api answered).</summary>
    public ListingRequest ToRequest(ListingStatus? status) => new()
    {
        Title = Title?.Trim() ?? "",
        Description = Description?.Trim() ?? "",
        Price = Prices.Read(Price).Amount,
        CategorySlug = string.IsNullOrWhiteSpace(CategorySlug) ? null : CategorySlug,
        // Left out, a listing keeps the condition it has (an old listing published again stays "not stated").
        Condition = ConditionWords.Read(Condition),
        Status = status,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
