using Microsoft.Extensions.Options;

namespace Marketplace.SchemaGuard.Drift;

/// <summary>Every allow-list entry names an object the way the drift report does and says why; checked at start-up.</summary>
public sealed class SchemaDriftOptionsValidator : IValidateOptions<SchemaDriftOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaDriftOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Allow.Count; i++)
        {
            var entry = options.Allow[i];
            var key = $"{SchemaDriftOptions.SectionName}:Allow:{i}";
            if (string.IsNullOrWhiteSpace(entry.Object))
            {
                failures.Add($"{key}:Object is required: name the object as the drift report does, e.g. \"index IX_Listing_Title_Trgm\".");
            }
            else if (SchemaObjectKind.KindOf(entry.Object.Trim()) is null)
            {
                failures.Add($"{key}:Object \"{entry.Object}\" must start with one of: {string.Join(", ", SchemaObjectKind.All)}, then the name, e.g. \"index IX_Listing_Title_Trgm\".");
            }

            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                failures.Add($"{key}:Reason is required: say why \"{entry.Object}\" is intended, so the next person does not have to guess.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
