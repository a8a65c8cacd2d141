using System.Net;
using System.Net.Http.Headers;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Tests.Web;

/// <summary>
/// The Web's <c>/api/images</c> as browsers and shared caches meet it: the Api's caching headers exactly as the Api sent
/// them, on a 304 too, so the Web never keeps a photo in anyone's cache longer than the Api allows (an hour, so that a
/// removed listing's photos leave every cache); the Api's 404 carries no lifetime at all.
/// </summary>
public sealed class ImageProxyTests
{
    private const string Photo = "/api/images/0d1b2a3c4e5f60718293a4b5c6d7e8f90d1b2a3c4e5f60718293a4b5c6d7e8f9/320.webp";
    private const string Gone = "/api/images/ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff/320.webp";
    private const string CacheControl = "public, max-age=3600, must-revalidate";
    private const string ETag = "\"0d1b2a3c.320.webp\"";

    [Fact]
    public async Task A_photo_and_its_304_carry_the_Apis_lifetime_unchanged_and_a_refused_one_carries_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartApiAsync(ct);
        await using var web = new WebApp(api.BaseAddress());
        web.UseKestrel(0);
        using var client = web.CreateClient();

        using var photo = await client.GetAsync(Photo, ct);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal((CacheControlHeaderValue.Parse(CacheControl), ETag), (photo.Headers.CacheControl, photo.Headers.ETag?.ToString()));
        Assert.Null(photo.Content.Headers.Expires);
        Assert.Null(photo.Headers.Age);
        Assert.Equal("image/webp", photo.Content.Headers.ContentType?.MediaType);

        using var revalidation = new HttpRequestMessage(HttpMethod.Get, Photo);
        revalidation.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ETag));
        using var notModified = await client.SendAsync(revalidation, ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal((CacheControlHeaderValue.Parse(CacheControl), ETag), (notModified.Headers.CacheControl, notModified.Headers.ETag?.ToString()));
        Assert.Null(notModified.Content.Headers.Expires);

        using var gone = await client.GetAsync(Gone, ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(gone.Headers.CacheControl);
        Assert.Null(gone.Headers.ETag);
        Assert.Null(gone.Content.Headers.Expires);
    }

    // The Api's answers as ListingImagesApi.ServeAsync gives them: a photo with its lifetime and ETag, a 304 with both
    // for a matching If-None-Match, and a bare 404 for a photo nobody may see any more.
    private static async Task<WebApplication> StartApiAsync(CancellationToken ct)
    {
        var api = LoopbackWebApplication.CreateBuilder().Build();
        api.MapGet(Photo, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = CacheControl;
            context.Response.Headers.ETag = ETag;
            return context.Request.Headers.IfNoneMatch.ToString() == ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes("RIFF\0\0\0\0WEBP"u8.ToArray(), "image/webp");
        });
        api.MapGet(Gone, () => Results.Problem(statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/api/categories", () => Results.Json(Array.Empty<object>()));
        await api.StartAsync(ct);
        return api;
    }
}
