using Npgsql;

namespace Marketplace.Tests.Support;

/// <summary>
/// A login role of the Api's own (<see cref="TestDatabase.ApiLogin"/>), which the worker makes when given
/// <see cref="WorkerSettings"/>: a member of marketplace_rows, so it may read and write rows only.
/// </summary>
public sealed record ApiLogin(string Name, string Password)
{
    /// <summary>The worker's settings that make it create (or update) this role.</summary>
    public IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
    {
        ["ApiDatabaseRole:Name"] = Name,
        ["ApiDatabaseRole:Password"] = Password,
    };

    /// <summary>The same as environment variables, for the worker run as its own process.</summary>
    public IReadOnlyDictionary<string, string?> WorkerEnvironment =>
        WorkerSettings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    /// <summary>A database's connection string as this role, as the AppHost hands it to the Api.</summary>
    public string ConnectionStringTo(string databaseConnectionString) =>
        new NpgsqlConnectionStringBuilder(databaseConnectionString) { Username = Name, Password = Password }.ConnectionString;
}
