using Marketplace.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Listings;

/// <summary>What the shared listing fields need: the values, the category tree, and which fields have errors.</summary>
public sealed class ListingFieldsView(ListingInput input, IReadOnlyList<CategoryOption> categories, ModelStateDictionary modelState)
{
    public ListingInput Input { get; } = input;

    public IReadOnlyList<CategoryOption> Categories { get; } = categories;

    /// <summary>"true" for a field with errors; null leaves the attribute out.</summary>
    public string? Invalid(string field) => HasErrors(field) ? "true" : null;

    /// <summary>The ids that describe a field: its hint, and its error paragraph when it has one; null when none.</summary>
    public string? DescribedBy(string field, string? hint = null)
    {
        var ids = new[] { hint, HasErrors(field) ? FieldErrorIds.Of(field) : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    private bool HasErrors(string field) => modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
}
