using Aspire.Npgsql;
using Aspire.Npgsql.EntityFrameworkCore.PostgreSQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Marketplace.Data;

/// <summary>
/// The marketplace's database through Aspire's client integrations, under the connection name <c>marketplacedb</c>:
/// <c>AddNpgsqlDataSource</c> (one data source with the model's enum types mapped, its health check, tracing and
/// metrics; settings under <c>Aspire:Npgsql</c>) and a pooled <see cref="MarketplaceDbContext"/> on that data source,
/// enriched by <c>EnrichNpgsqlDbContext</c> (EF Core's tracing and metrics; settings under
/// <c>Aspire:Npgsql:EntityFrameworkCore:PostgreSQL</c>). Retries are each app's own: the Api retries a lost connection a
/// few times quickly, the migration worker retries only a lock timeout, itself.
/// </summary>
public static class MarketplaceDatabase
{
    public const string ConnectionName = "marketplacedb";

    /// <param name="configureSettings">The data source's Aspire settings, after configuration (the worker turns off what a run-once job does not use).</param>
    /// <param name="configureContextSettings">The context's Aspire settings, after configuration.</param>
    /// <param name="configureDataSource">More configuration of the data source, such as the Api's pool size.</param>
    public static IHostApplicationBuilder AddMarketplaceDbContext(
        this IHostApplicationBuilder builder,
        Action<NpgsqlSettings>? configureSettings = null,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureContextSettings = null,
        Action<NpgsqlDataSourceBuilder>? configureDataSource = null)
    {
        // Our message first: it says where the setting goes, which Aspire's does not.
        GetRequiredConnectionString(builder.Configuration);

        builder.AddNpgsqlDataSource(ConnectionName, configureSettings, dataSource =>
        {
            dataSource.MapMarketplaceEnums();
            configureDataSource?.Invoke(dataSource);
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDbContextPool<MarketplaceDbContext>((services, options) => options.UseMarketplaceNpgsql(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<TimeProvider>()));
        builder.EnrichNpgsqlDbContext<MarketplaceDbContext>(settings =>
        {
            settings.DisableRetry = true;
            // The data source's check already asks PostgreSQL; a second one per probe would ask it again.
            settings.DisableHealthChecks = true;
            configureContextSettings?.Invoke(settings);
        });
        return builder;
    }

    /// <summary>The connection string, or an error that says how to provide it.</summary>
    public static string GetRequiredConnectionString(IConfiguration configuration, string connectionName = ConnectionName)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new MissingConnectionStringException(connectionName);
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new MissingConnectionStringException(connectionName, ex.Message);
        }

        return connectionString;
    }
}
