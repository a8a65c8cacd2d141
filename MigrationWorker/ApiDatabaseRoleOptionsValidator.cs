using System.Text.RegularExpressions;
using Marketplace.Data;
using Microsoft.Extensions.Options;

namespace Marketplace.MigrationWorker;

/// <summary>
/// The <c>ApiDatabaseRole</c> rules, which span both settings: both or neither; a name the worker can write into SQL
/// without quoting surprises; a password long enough, and one that goes into a connection string as it is.
/// </summary>
public sealed partial class ApiDatabaseRoleOptionsValidator : IValidateOptions<ApiDatabaseRoleOptions>
{
    public const int MinPasswordLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiDatabaseRoleOptions options)
    {
        var section = ApiDatabaseRoleOptions.SectionName;
        var hasName = !string.IsNullOrEmpty(options.Name);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (!hasName && !hasPassword)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (hasName != hasPassword)
        {
            failures.Add($"{section}:Name and {section}:Password go together: set both, or neither (then the worker creates no login role for the Api).");
        }

        if (hasName && !RoleName().IsMatch(options.Name!))
        {
            failures.Add($"{section}:Name must be 1 to 63 lower-case letters, digits or underscores, starting with a letter or an underscore.");
        }
        else if (hasName && (options.Name!.StartsWith("pg_", StringComparison.Ordinal) || options.Name == RowRole.Name))
        {
            failures.Add($"{section}:Name may not start with pg_ (PostgreSQL's own roles) nor be {RowRole.Name} (the group the Api's role joins).");
        }

        if (hasPassword && (options.Password!.Length < MinPasswordLength || options.Password.Length > 128 || !ConnectionStringSafe().IsMatch(options.Password)))
        {
            failures.Add($"{section}:Password must be {MinPasswordLength} to 128 printable ASCII characters without spaces, quotes, backslashes or " +
                         "semicolons: it goes into the Api's connection string as it is.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    [GeneratedRegex("""^[!#-&(-:<-\[\]-~]+$""")]
    private static partial Regex ConnectionStringSafe();
}
