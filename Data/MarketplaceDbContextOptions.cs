using Marketplace.SchemaGuard;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Data;

/// <summary>The one place the context's provider options are set, for the running apps and for <c>dotnet ef</c> alike.</summary>
public static class MarketplaceDbContextOptions
{
    /// <remarks>No retry strategy here: in the apps, EnrichNpgsqlDbContext adds it where it is wanted (<see cref="MarketplaceDatabase"/>).</remarks>
    public static TBuilder UseMarketplaceNpgsql<TBuilder>(
        this TBuilder options,
        NpgsqlDataSource dataSource,
        TimeProvider? timeProvider = null)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(dataSource, npgsql => npgsql.MapMarketplaceEnums());
        options.UseSchemaGuard();
        options.AddInterceptors(new TimestampInterceptor(timeProvider ?? TimeProvider.System));
        return options;
    }

    /// <summary>A data source with the model's enum types mapped at the ADO.NET level.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString).MapMarketplaceEnums();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
