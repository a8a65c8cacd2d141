using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.SchemaGuard.History;

/// <summary>
/// The migration ids compiled for a context, found by reflection as EF Core's migrations assembly finds them but without
/// building the context or its model: "is anything pending?" is asked before either is worth its cost.
/// </summary>
public static class CompiledMigrations
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Ids = new();

    /// <summary>Every migration id of <paramref name="contextType"/> in its own assembly, in the order EF Core applies them.</summary>
    public static IReadOnlyList<string> Of(Type contextType) => Ids.GetOrAdd(contextType, type => type.Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == type)
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList());

    /// <summary>An instance of the migration <paramref name="migrationId"/> of <paramref name="context"/>, created as EF Core's migrator creates it.</summary>
    public static Migration Create(DbContext context, string migrationId)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        return assembly.CreateMigration(assembly.Migrations[migrationId], context.Database.ProviderName!);
    }
}
