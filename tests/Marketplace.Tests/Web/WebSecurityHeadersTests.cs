using System.Net;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketplace.Tests.Web;

/// <summary>
/// What every Web response tells the browser about itself (a Content-Security-Policy without 'unsafe-inline', no
/// sniffing, no framing, the referrer and the device features it may use), and, outside Development, that the Web is
/// reached over HTTPS only, behind an ingress that ends TLS and says so in X-Forwarded-Proto. Every page of the route
/// table, signed in and out, is read in the browser (PageScanTests); here, each kind of response.
/// </summary>
public sealed class WebSecurityHeadersTests
{
    // Nothing listens on port 1 of the loopback address: the pages that need the Api answer 503 at once.
    private static readonly Uri NoApi = new("http://127.0.0.1:1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/account/register", HttpStatusCode.OK)]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/js/gallery.js", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/api/images/0123/320.webp", HttpStatusCode.ServiceUnavailable)]
    public async Task Every_kind_of_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Outside_development_plain_http_is_redirected_to_https_except_the_health_probes()
    {
        await using var web = await ProductionWebAsync();
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://marketplace.test") });

        using var page = await client.GetAsync("/account/register?from=mail", Ct);
        using var alive = await client.GetAsync("/alive", Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal(new Uri("https://marketplace.test/account/register?from=mail"), page.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Outside_development_behind_the_ingress_the_page_carries_hsts_and_every_cookie_is_secure()
    {
        await using var web = await ProductionWebAsync();
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://marketplace.test") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/register");
        // The ingress ended TLS: the request reaches the Web as plain HTTP and says how it arrived.
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, cookie => cookie.StartsWith("marketplace.antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task In_development_the_web_stays_on_plain_http()
    {
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://marketplace.test") });

        using var response = await client.GetAsync("/account/register", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The headers every response of the Web carries, whatever it is.</summary>
    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var where = $"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policies), $"{where}: no Content-Security-Policy");
        var policy = Assert.Single(policies);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..], StringComparer.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["strict-origin-when-cross-origin"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    private static async Task<WebApp> ProductionWebAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        return new WebApp(NoApi, environment: "Production", settings: new Dictionary<string, string?> { ["ConnectionStrings:blobs"] = azurite.ConnectionString });
    }
}
