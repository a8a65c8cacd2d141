using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Support;

/// <summary>Minimal web applications for tests, on a free 127.0.0.1 port chosen by the OS (no port races).</summary>
internal static class LoopbackWebApplication
{
    public static WebApplicationBuilder CreateBuilder(string environmentName = "Production", string? applicationName = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = environmentName,
            ApplicationName = applicationName ?? typeof(LoopbackWebApplication).Assembly.GetName().Name,
        });

        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>The address Kestrel actually bound, available once the application has started.</summary>
    public static Uri BaseAddress(this WebApplication app) =>
        new(app.Urls.Single(url => url.StartsWith("http://", StringComparison.Ordinal)));
}
