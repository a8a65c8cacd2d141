using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Api;

/// <summary>
/// Puts a problem the Api answered into a form's <see cref="ModelStateDictionary"/>, in the Web's own words
/// (<see cref="PersonMessages"/>): each field error next to the form field that holds that JSON field (<c>price</c> →
/// <c>Input.Price</c>), anything else (a 409, a 429, a field the form does not have) as one sentence for the whole form.
/// The form's values stay as the visitor typed them.
/// </summary>
public static class ProblemModelState
{
    /// <summary>The key of errors that belong to the whole form (shown by the error summary).</summary>
    public const string FormKey = "";

    public static void AddProblem(this ModelStateDictionary modelState, ApiProblem problem, IReadOnlyDictionary<string, string> fields, FormPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(fields);

        var placed = false;
        if (problem.Status != StatusCodes.Status429TooManyRequests)
        {
            foreach (var field in problem.Errors.Keys)
            {
                var key = FormField(field, fields);
                if (key is null)
                {
                    continue;
                }

                // A field the form has no input for (a reset link's token, a page's cursor) is said above the form.
                if (key == FormKey)
                {
                    modelState.AddModelError(FormKey, PersonMessages.ForField(field));
                    placed = true;
                    continue;
                }

                // The form's own finding about a field (a price that is no number, never sent) is the one to keep.
                if (!modelState.TryGetValue(key, out var own) || own.Errors.Count == 0)
                {
                    modelState.AddModelError(key, PersonMessages.ForField(field));
                }

                placed = true;
            }
        }

        if (!placed)
        {
            modelState.AddModelError(FormKey, PersonMessages.ForProblem(problem, purpose));
        }
    }

    // The Api keys errors by JSON field name; a binding error may say "$.price" or "price.amount", an upload "files[2]".
    private static string? FormField(string apiField, IReadOnlyDictionary<string, string> fields)
    {
        var name = apiField.StartsWith("$.", StringComparison.Ordinal) ? apiField[2..] : apiField;
        var head = name.Split('.', '[')[0];
        foreach (var (jsonName, formKey) in fields)
        {
            if (string.Equals(jsonName, head, StringComparison.OrdinalIgnoreCase))
            {
                return formKey;
            }
        }

        return null;
    }
}
