using Microsoft.AspNetCore.HttpOverrides;

namespace Marketplace.Web.Security;

/// <summary>
/// Outside Development, the Web is reached over HTTPS only: the platform's ingress ends TLS and forwards plain HTTP
/// with <c>X-Forwarded-Proto</c>, which is believed (from whoever sends it: the ingress is the only way in there); an
/// http request is redirected to https (port 443, or <c>ASPNETCORE_HTTPS_PORT</c>), an https answer carries HSTS for a
/// year, and every cookie (the session, anti-forgery, TempData) is marked <c>Secure</c>. The health endpoints answer
/// over plain HTTP too: the platform's probes call the container directly. Development stays on http://localhost.
/// </summary>
public static class TransportSecurity
{
    public const int DefaultHttpsPort = 443;

    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var configuredPort = builder.Configuration.GetValue<int?>("HTTPS_PORT");
        builder.Services.AddHttpsRedirection(options => options.HttpsPort = configuredPort ?? DefaultHttpsPort);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
        return builder;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        // Only the scheme: the visitor's address (X-Forwarded-For) is ASPNETCORE_FORWARDEDHEADERS_ENABLED's to believe.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
        app.UseWhen(context => !IsProbe(context.Request.Path), https => https.UseHttpsRedirection());
        app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);
}
