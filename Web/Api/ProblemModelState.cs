using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Api;

/// <summary>
/// Puts a problem the Api answered into a form's <see cref="ModelStateDictionary"/>: each field error next to the form
/// field that holds that JSON field (<c>price</c> → <c>Input.Price</c>), anything else (a 409, a 429, a field the form
/// does not have) as a message for the whole form. The form's values stay as the visitor typed them.
/// </summary>
public static class ProblemModelState
{
    /// <summary>The key of errors that belong to the whole form (shown by the validation summary).</summary>
    public const string FormKey = "";

    public static void AddProblem(this ModelStateDictionary modelState, ApiProblem problem, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(fields);

        if (problem.Status == StatusCodes.Status429TooManyRequests)
        {
            modelState.AddModelError(FormKey, TooManyRequests(problem.RetryAfter));
            return;
        }

        var placed = false;
        foreach (var (field, messages) in problem.Errors)
        {
            var key = FormField(field, fields);

            // The form's own finding about a field (a price that is no number, never sent) says more than the Api's.
            if (key is { Length: > 0 } && modelState.TryGetValue(key, out var own) && own.Errors.Count > 0)
            {
                placed = true;
                continue;
            }

            foreach (var message in messages)
            {
                modelState.AddModelError(key ?? FormKey, message);
            }

            placed |= messages.Length > 0;
        }

        if (!placed)
        {
            modelState.AddModelError(FormKey, problem.Message);
        }
    }

    /// <summary>The sentence a rate-limited visitor reads: when to try again, in words.</summary>
    public static string TooManyRequests(TimeSpan? retryAfter) => retryAfter is { } wait && wait > TimeSpan.Zero
        ? string.Create(CultureInfo.InvariantCulture, $"Too many attempts. Please wait {Describe(wait)} and try again.")
        : "Too many attempts. Please wait a minute and try again.";

    // The Api keys errors by JSON field name; a binding error may say "$.price" or "price.amount".
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

    private static string Describe(TimeSpan wait) => wait.TotalSeconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalSeconds):0} seconds")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes):0} minutes");
}
