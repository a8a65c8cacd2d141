using System.Reflection;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Support;

/// <summary>
/// Runs the worker with one migration's code swapped for a subclass that does something more: a migration changed after
/// it was applied, or one that fails part-way. The swap goes through EF Core's own seam, the migrations assembly.
/// </summary>
public static class ChangedMigrations
{
    /// <summary>Configures the worker's context so that the migration named <typeparamref name="TOriginal"/> runs as <typeparamref name="TChanged"/>.</summary>
    public static Action<IServiceCollection> Swap<TOriginal, TChanged>()
        where TChanged : TOriginal
        where TOriginal : Migration =>
        services => services.ConfigureDbContext<MarketplaceDbContext>(options => options
            .ReplaceService<IMigrationsAssembly, SwappedMigrationsAssembly<TOriginal, TChanged>>());

#pragma warning disable EF1001 // The migrations assembly is the seam EF Core offers for this.
    private sealed class SwappedMigrationsAssembly<TOriginal, TChanged>(
        ICurrentDbContext currentContext,
        IDbContextOptions options,
        IMigrationsIdGenerator idGenerator,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
        : MigrationsAssembly(currentContext, options, idGenerator, logger)
    {
        public override IReadOnlyDictionary<string, TypeInfo> Migrations => base.Migrations.ToDictionary(
            m => m.Key,
            m => m.Value.AsType() == typeof(TOriginal) ? typeof(TChanged).GetTypeInfo() : m.Value);
    }
#pragma warning restore EF1001
}
