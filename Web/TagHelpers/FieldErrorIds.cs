using Microsoft.AspNetCore.Mvc.Rendering;

namespace Marketplace.Web.TagHelpers;

/// <summary>How a field and its error paragraph find each other: <c>Input.Price</c> → <c>Input_Price-error</c>.</summary>
public static class FieldErrorIds
{
    public static string Of(string field) => TagBuilder.CreateSanitizedId(field, "_") + "-error";

    public static IReadOnlyList<string> ErrorsOf(ViewContext viewContext, string field)
    {
        ArgumentNullException.ThrowIfNull(viewContext);
        return viewContext.ModelState.TryGetValue(field, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];
    }
}
