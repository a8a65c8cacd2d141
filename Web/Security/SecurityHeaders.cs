namespace Marketplace.Web.Security;

/// <summary>
/// The headers every Web response carries, pages, files, photos and error pages alike: the
/// <see cref="ContentSecurityPolicy"/>, <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy</c> (other sites
/// learn the origin a visitor came from, never the page: a search or a listing's address stays here) and a
/// <c>Permissions-Policy</c> that turns off the device features no page uses.
/// </summary>
public static class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public const string PermissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set as the response starts: by then the page has rendered, and its external photos' origins are known.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var origins = context.RequestServices.GetService<PageImageOrigins>()?.Origins ?? [];
            headers[ContentSecurityPolicy.HeaderName] = ContentSecurityPolicy.For(origins);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
