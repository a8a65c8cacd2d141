using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Data.Schema;

public static class SchemaVerificationRegistration
{
    /// <summary>
    /// The schema checks (<see cref="DatabaseSchemaVerifier"/>, <see cref="SchemaDriftDetector"/>) and the
    /// <c>SchemaDrift</c> settings, validated at start-up so that an allow-list entry without a reason stops the app.
    /// </summary>
    public static IHostApplicationBuilder AddMarketplaceSchemaVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchemaDriftOptions>()
            .Bind(builder.Configuration.GetSection(SchemaDriftOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaDriftOptions>, SchemaDriftOptionsValidator>());
        builder.Services.TryAddScoped<SchemaDriftDetector>();
        builder.Services.TryAddScoped<DatabaseSchemaVerifier>();
        return builder;
    }

    /// <summary>
    /// For a long-running app (the Api): <see cref="DatabaseSchemaMonitor"/> checks the database at start-up and then on
    /// an interval (<c>DatabaseSchemaMonitor:Interval</c>, 30 s by default), for a readiness check to read.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseSchemaMonitor(this IHostApplicationBuilder builder)
    {
        builder.AddMarketplaceSchemaVerification();
        builder.Services.AddOptions<DatabaseSchemaMonitorOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseSchemaMonitorOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.Interval <= TimeSpan.FromHours(1),
                $"{DatabaseSchemaMonitorOptions.SectionName}:Interval must be between 00:00:01 and 01:00:00, e.g. 00:00:30.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<DatabaseSchemaMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseSchemaMonitor>());
        return builder;
    }
}
