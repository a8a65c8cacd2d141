extern alias MarketplaceWeb;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketplace.Tests.Web;

/// <summary>The Web in the test process, in Development, with the Api at <paramref name="apiAddress"/>.</summary>
public sealed class WebApp(Uri apiAddress, string? forwardingKey = null) : WebApplicationFactory<MarketplaceWeb::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("MarketplaceApi:BaseAddress", apiAddress.ToString());
        if (forwardingKey is not null)
        {
            builder.UseSetting("VisitorForwarding:Key", forwardingKey);
        }
    }
}
