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
        if (answer.StatusCode == System.Net.HttpStatusCode.NotModified && answer.Headers.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag.ToString();
        }

        if (!answer.IsSuccessStatusCode)
        {
            return;
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        context.Response.ContentLength = answer.Content.Headers.ContentLength;
        foreach (var name in ForwardedHeaders)
        {
            if (answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    });
}
