using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.SchemaGuard;

public static class SchemaGuardServiceCollectionExtensions
{
    /// <summary>
    /// The guard for <typeparamref name="TContext"/>'s database: <see cref="SchemaVerifier"/>, <see cref="SchemaDriftDetector"/>,
    /// <see cref="GuardedContext"/>, and the <c>SchemaDrift</c> settings, validated at start-up so that an allow-list
    /// entry without a reason stops the app. The context itself is configured with <see cref="SchemaGuardDbContextOptionsExtensions.UseSchemaGuard"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSchemaGuard<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddOptions<SchemaDriftOptions>()
            .Bind(builder.Configuration.GetSection(SchemaDriftOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaDriftOptions>, SchemaDriftOptionsValidator>());
        builder.Services.TryAddSingleton(sp => new GuardedContext(typeof(TContext), sp.GetRequiredService<IOptions<SchemaDriftOptions>>()));
        builder.Services.TryAddSingleton<SchemaDriftDetector>();
        builder.Services.TryAddSingleton<SchemaVerifier>();
        return builder;
    }
}
