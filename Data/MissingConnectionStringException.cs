namespace Marketplace.Data;

/// <summary>The connection string is missing or cannot be parsed.</summary>
public sealed class MissingConnectionStringException : InvalidOperationException
{
    public MissingConnectionStringException(string connectionName, string? parseError = null)
        : base(parseError is null
            ? $"No connection string named '{connectionName}' is configured. Provide it as the configuration key " +
              $"ConnectionStrings:{connectionName} (appsettings.json, or user secrets in Development) " +
              $"or the environment variable ConnectionStrings__{connectionName}, " +
              "for example 'Host=localhost;Port=5432;Database=marketplacedb;Username=postgres;Password=...'. " +
              "Under Aspire, WithReference(db) sets it for you."
            : $"The connection string '{connectionName}' cannot be parsed: {parseError} Check ConnectionStrings:{connectionName}.")
    {
        ConnectionName = connectionName;
    }

    public string ConnectionName { get; }
}
