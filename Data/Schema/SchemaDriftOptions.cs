using Microsoft.Extensions.Options;

namespace Marketplace.Data.Schema;

/// <summary>Settings under <c>SchemaDrift</c>: the differences a team has decided to live with.</summary>
public sealed class SchemaDriftOptions
{
    public const string SectionName = "SchemaDrift";

    /// <summary>Intentional differences, e.g. an index a DBA added: <c>{ "Object": "index IX_Listing_Title_Trgm", "Reason": "..." }</c>.</summary>
    public List<SchemaDriftAllowance> Allow { get; } = [];
}

/// <summary>One acknowledged difference: the object as the drift report names it, and why it is intended.</summary>
public sealed class SchemaDriftAllowance
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The configuration key users write: SchemaDrift:Allow:0:Object.")]
    public string Object { get; set; } = "";

    public string Reason { get; set; } = "";

    public override string ToString() => $"{Object} ({Reason})";
}

/// <summary>Every allow-list entry names an object the way the drift report does and says why; checked at start-up.</summary>
public sealed class SchemaDriftOptionsValidator : IValidateOptions<SchemaDriftOptions>
{
    /// <summary>The kinds of object a drift report names, as they begin an entry's <c>Object</c>.</summary>
    public static readonly IReadOnlyList<string> ObjectKinds =
        ["table", "column", "primary key", "unique constraint", "index", "foreign key", "check constraint", "enum", "extension"];

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
            else if (!ObjectKinds.Any(kind => entry.Object.StartsWith(kind + " ", StringComparison.Ordinal) && entry.Object.Length > kind.Length + 1))
            {
                failures.Add($"{key}:Object \"{entry.Object}\" must start with one of: {string.Join(", ", ObjectKinds)}, then the name, e.g. \"index IX_Listing_Title_Trgm\".");
            }

            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                failures.Add($"{key}:Reason is required: say why \"{entry.Object}\" is intended, so the next person does not have to guess.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
