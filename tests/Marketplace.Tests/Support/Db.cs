using Marketplace.Data;
using Marketplace.SchemaGuard.Linting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.Tests.Support;

/// <summary>Direct access to a test database: EF contexts, raw SQL, and the migration history.</summary>
public sealed class Db(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = MarketplaceDbContextOptions.CreateDataSource(connectionString);

    public string ConnectionString { get; } = connectionString;

    public NpgsqlDataSource DataSource => _dataSource;

    public MarketplaceDbContext CreateContext() => new(
        new DbContextOptionsBuilder<MarketplaceDbContext>().UseMarketplaceNpgsql(_dataSource).Options);

    /// <summary>The id of a real migration from its name, e.g. "AddCategoryModel".</summary>
    public static string MigrationId(string name)
    {
        using var db = new MarketplaceDbContextFactory().CreateDbContext([]);
        return db.Database.GetMigrations().Single(id => id.EndsWith("_" + name, StringComparison.Ordinal));
    }

    /// <summary>The name of the newest migration, e.g. "AddCategoryModel" while that was the last.</summary>
    public static string LatestMigrationName => AllMigrations()[^1].Split('_', 2)[1];

    /// <summary>The Marketplace migrations as the linter reads them, loaded through the design-time factory: no database needed.</summary>
    public static MigrationSequence MigrationSequence()
    {
        using var context = new MarketplaceDbContextFactory().CreateDbContext([]);
        return Marketplace.SchemaGuard.Linting.MigrationSequence.FromContext(context, MarketplaceDbContextFactory.MigrationsFolder);
    }

    public static IReadOnlyList<string> AllMigrations()
    {
        using var db = new MarketplaceDbContextFactory().CreateDbContext([]);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>Brings the database to exactly <paramref name="migrationName"/>, the way an old release left it.</summary>
    public async Task MigrateToAsync(string migrationName, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(MigrationId(migrationName), cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<string>> ColumnAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>
    /// The incident's data: a seller with ten active listings, one per legacy category, none with a CategoryId. Works at
    /// any migration from Initial on, since it writes only Initial's columns.
    /// </summary>
    public Task InsertSellerWithListingsAsync(CancellationToken cancellationToken = default) => ExecuteAsync("""
        INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash") VALUES
          ('00000000-0000-0000-0000-000000000002', 'bob@example.com', 'BOB@EXAMPLE.COM', 'Bob', 'hash');
        INSERT INTO "Listing" ("Title", "Description", "Price", "Category", "Status", "SellerId")
        SELECT 'Item ' || c::text, 'A used ' || c::text, 10.50, c, 'active', '00000000-0000-0000-0000-000000000002'
        FROM unnest(enum_range(NULL::listing_category)) AS c;
        """, cancellationToken);

    public Task<List<string>> AppliedMigrationsAsync(CancellationToken cancellationToken = default) =>
        ColumnAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", cancellationToken);

    /// <summary>A text rendering of the schema and the seeded rows, to compare before and after a run.</summary>
    public async Task<string> SchemaAndSeedFingerprintAsync(CancellationToken cancellationToken = default)
    {
        var parts = new List<string> { await SchemaFingerprintAsync(cancellationToken) };
        parts.AddRange(await AppliedMigrationsAsync(cancellationToken));
        parts.AddRange(await ColumnAsync("""SELECT concat_ws('|', "Id", "Name", "Slug", "Description", "ParentId", "SortOrder", "IsActive", "CreatedAt", "UpdatedAt") FROM "Category" ORDER BY "Id" """, cancellationToken));
        return string.Join('\n', parts);
    }

    /// <summary>
    /// A text rendering of the schema alone, written independently of the drift detector so that each checks the other:
    /// columns with type, nullability and default; index and constraint definitions; enum types with their labels.
    /// </summary>
    public async Task<string> SchemaFingerprintAsync(CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        parts.AddRange(await ColumnAsync("""
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' ' || is_nullable
                   || ' ' || coalesce(column_default, '') || ' ' || is_identity || ' ' || is_generated
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1
            """, cancellationToken));
        parts.AddRange(await ColumnAsync("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1", cancellationToken));
        parts.AddRange(await ColumnAsync("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1", cancellationToken));
        parts.AddRange(await ColumnAsync("""
            SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1
            """, cancellationToken));
        return string.Join('\n', parts);
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
