extern alias MarketplaceWeb;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketplace.Tests.Web;

/// <summary>
/// The Web in the test process, in <paramref name="environment"/> (Development unless told), with the Api at
/// <paramref name="apiAddress"/> and any further <paramref name="settings"/>.
/// </summary>
public sealed class WebApp(
    Uri apiAddress, string? forwardingKey = null, string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<MarketplaceWeb::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("MarketplaceApi:BaseAddress", apiAddress.ToString());
        if (forwardingKey is not null)
        {
            builder.UseSetting("VisitorForwarding:Key", forwardingKey);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
