using Marketplace.Api.Health;
using Marketplace.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Tests.Support;

/// <summary>The Api's readiness check on its own: the same registration the Api makes, one check, no web host.</summary>
public static class ReadinessProbe
{
    /// <param name="services">Last word on the services, e.g. to prove a path never creates the DbContext.</param>
    public static async Task<ReadinessVerdict> CheckAsync(string connectionString, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:marketplacedb"] = connectionString });
        builder.AddMarketplaceDbContext();
        builder.AddSchemaReadiness();
        services?.Invoke(builder.Services);
        using var host = builder.Build();
        return await host.Services.GetRequiredService<SchemaReadinessMonitor>().RecheckAsync();
    }
}
