namespace Marketplace.Web.Api;

/// <summary>
/// <c>GET /api/images/{hash}/{size}</c> on the Web: the photo renditions the Api serves, streamed through so that pages
/// link them on their own origin. Sent as the visitor (a draft's photos are its seller's alone); a page's photos that
/// meet an access token due for refresh share one exchange (<see cref="Auth.TokenRefreshGate"/>).
/// </summary>
public static class ImageProxy
{
    public const string PathPrefix = "/api/images";

    private static readonly string[] ForwardedHeaders = ["Cache-Control", "ETag", "Last-Modified", "Expires"];

    public static void Configure(IApplicationBuilder branch) => branch.Run(async context =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var api = context.RequestServices.GetRequiredService<MarketplaceApiClient>();
        using var answer = await api.ForwardAsync(
            PathPrefix + context.Request.Path + context.Request.QueryString, context.Request.Headers.IfNoneMatch.ToString(), context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        var notModified = answer.StatusCode == System.Net.HttpStatusCode.NotModified;
        if (!answer.IsSuccessStatusCode && !notModified)
        {
            return;
        }

        // The Api's caching headers exactly as it sent them, on a 304 as well (a cache takes the new lifetime from it):
        // the Api bounds how long a photo may be kept (an hour, so a removed listing's photos leave every cache), and
        // the Web, the origin browsers and shared caches see, must never lengthen that.
        foreach (var name in ForwardedHeaders)
        {
            if (answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (notModified)
        {
            return;
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        context.Response.ContentLength = answer.Content.Headers.ContentLength;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    });
}
