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
    /// For a long-running app (the Api's readiness): <see cref="DatabaseSchemaCheck"/>, which remembers its last verdict
    /// and re-verifies only when the database changed.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseSchemaCheck(this IHostApplicationBuilder builder)
    {
        builder.AddMarketplaceSchemaVerification();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<DatabaseSchemaCheck>();
        return builder;
    }
}
