namespace Marketplace.MigrationWorker;

/// <summary>
/// Settings under <c>ApiDatabaseRole</c>: the login role the Api connects as, which the worker creates (or updates) on
/// every <c>migrate</c> and makes a member of <see cref="Data.RowRole"/>, so that it may read and write rows and nothing
/// else. Both or neither; unset, the worker creates no login role (give the Api a member of the group yourself).
/// Checked by <see cref="ApiDatabaseRoleOptionsValidator"/>.
/// </summary>
public sealed class ApiDatabaseRoleOptions
{
    public const string SectionName = "ApiDatabaseRole";

    /// <summary>The role's name: lower-case letters, digits and underscores, as PostgreSQL folds an unquoted name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Its password. Stored on the server as a SCRAM-SHA-256 verifier the worker computes, so the password itself never
    /// reaches the server's log; the Api's connection string carries it as it is.
    /// </summary>
    public string? Password { get; set; }
}
