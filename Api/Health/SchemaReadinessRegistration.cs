using Marketplace.Data;
using Marketplace.SchemaGuard;

namespace Marketplace.Api.Health;

public static class SchemaReadinessRegistration
{
    /// <summary>The readiness check's name in <c>/health</c>'s report.</summary>
    public const string Name = "database-schema";

    /// <summary>The schema guard and <see cref="SchemaReadinessMonitor"/> as the readiness check (tagged "ready").</summary>
    public static IHostApplicationBuilder AddSchemaReadiness(this IHostApplicationBuilder builder)
    {
        builder.AddSchemaGuard<MarketplaceDbContext>();
        builder.Services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SchemaReadinessMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SchemaReadinessMonitor>());
        builder.Services.AddHealthChecks().AddCheck<SchemaReadinessMonitor>(Name, tags: ["ready"]);
        return builder;
    }
}
