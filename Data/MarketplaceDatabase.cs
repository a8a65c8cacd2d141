using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Marketplace.Data;

/// <summary>
/// The registration Aspire's Npgsql EF Core client integration would give us (it is not available here):
/// a pooled context on one <see cref="NpgsqlDataSource"/>, the enum mappings, retry on transient failures,
/// a health check, and Npgsql's tracing and metrics, under the connection name <c>marketplacedb</c>.
/// </summary>
public static class MarketplaceDatabase
{
    public const string ConnectionName = "marketplacedb";
    public const string HealthCheckName = "marketplacedb";

    public static IHostApplicationBuilder AddMarketplaceDbContext(
        this IHostApplicationBuilder builder,
        string connectionName = ConnectionName,
        bool retryOnFailure = true,
        Action<IServiceProvider, NpgsqlDataSourceBuilder>? configureDataSource = null)
    {
        var connectionString = GetRequiredConnectionString(builder.Configuration, connectionName);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => MarketplaceDbContextOptions.CreateDataSource(
            connectionString,
            dataSource =>
            {
                dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
                configureDataSource?.Invoke(sp, dataSource);
            }));

        builder.Services.AddDbContextPool<MarketplaceDbContext>((sp, options) => options.UseMarketplaceNpgsql(
            sp.GetRequiredService<NpgsqlDataSource>(),
            retryOnFailure,
            sp.GetRequiredService<TimeProvider>()));

        builder.Services.AddHealthChecks().AddDbContextCheck<MarketplaceDbContext>(HealthCheckName, tags: ["ready"]);

        // Joins whatever OpenTelemetry pipeline the app builds (ServiceDefaults builds one when there is somewhere to export to).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter("Npgsql"));

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
