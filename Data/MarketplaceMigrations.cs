using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Marketplace.Data;

/// <summary>
/// The migration history without building the EF Core model: the ids compiled into this assembly and the ids
/// recorded in the database. Building the model costs most of a no-op worker run, so "is anything pending?"
/// is answered here first.
/// </summary>
public static class MarketplaceMigrations
{
    private static readonly Lazy<IReadOnlyList<string>> KnownIds = new(() => typeof(MarketplaceDbContext).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration))
                    && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(MarketplaceDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList());

    /// <summary>Every migration id in the code, in the order EF Core applies them.</summary>
    public static IReadOnlyList<string> All => KnownIds.Value;

    /// <summary>The ids recorded in the history table; empty when the table does not exist yet.</summary>
    public static async Task<IReadOnlyList<string>> ReadAppliedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT "MigrationId" FROM "{MarketplaceDbContextOptions.MigrationsHistoryTable}" ORDER BY "MigrationId"
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('\"{MarketplaceDbContextOptions.MigrationsHistoryTable}\"') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [];
            }
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Migrations in the code that the database has not recorded, in order.</summary>
    public static async Task<IReadOnlyList<string>> ReadPendingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var applied = (await ReadAppliedAsync(dataSource, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return All.Where(id => !applied.Contains(id)).ToList();
    }
}
