using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Marketplace.Web.TagHelpers;

/// <summary>
/// How a field, its error paragraph and the error summary's link find each other: <c>Input.Price</c> →
/// <c>id="Input_Price"</c>, <c>Input_Price-error</c>; and the attributes of a field written by hand rather than with
/// <c>asp-for</c> (which <see cref="InvalidFieldTagHelper"/> marks).
/// </summary>
public static class FieldErrorIds
{
    public static string FieldId(string field) => TagBuilder.CreateSanitizedId(field, "_");

    public static string Of(string field) => FieldId(field) + "-error";

    public static IReadOnlyList<string> ErrorsOf(ViewContext viewContext, string field)
    {
        ArgumentNullException.ThrowIfNull(viewContext);
        return viewContext.ModelState.TryGetValue(field, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];
    }

    /// <summary>"true" for a field with errors; null leaves the attribute out.</summary>
    public static string? Invalid(ModelStateDictionary modelState, string field) => HasErrors(modelState, field) ? "true" : null;

    /// <summary>The ids that describe a field: its hint, and its error paragraph when it has one; null when none.</summary>
    public static string? DescribedBy(ModelStateDictionary modelState, string field, string? hint = null)
    {
        var ids = new[] { hint, HasErrors(modelState, field) ? Of(field) : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    private static bool HasErrors(ModelStateDictionary modelState, string field) =>
        modelState?.TryGetValue(field, out var entry) == true && entry.Errors.Count > 0;
}
