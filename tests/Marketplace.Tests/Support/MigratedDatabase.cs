namespace Marketplace.Tests.Support;

/// <summary>A class fixture: one database migrated to the latest migration, shared by tests that only read it or roll back.</summary>
public sealed class MigratedDatabase(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        await using var db = new Db(_database.ConnectionString);
        await db.MigrateToAsync(Db.LatestMigrationName);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
