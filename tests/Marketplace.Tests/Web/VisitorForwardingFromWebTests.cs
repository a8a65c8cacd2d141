using System.Collections.Concurrent;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Tests.Web;

/// <summary>
/// What the Api sees of a visitor through the Web: the visitor's own address in <c>X-Forwarded-For</c> with the shared
/// key, never an address the visitor wrote into that header themselves, and nothing at all without a key.
/// </summary>
public sealed class VisitorForwardingFromWebTests
{
    private const string Key = "0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task The_api_is_told_the_visitors_address_with_the_key_and_not_what_the_visitor_claimed()
    {
        var seen = await HeadersTheApiSeesAsync(Key);

        Assert.Contains(seen, headers => headers.Path == "/api/listings");
        Assert.All(seen, headers =>
        {
            Assert.Equal("127.0.0.1", headers.ForwardedFor);
            Assert.Equal(Key, headers.ForwardingKey);
        });
    }

    [Fact]
    public async Task Without_a_key_the_web_forwards_no_address_at_all()
    {
        var seen = await HeadersTheApiSeesAsync(forwardingKey: null);

        Assert.NotEmpty(seen);
        Assert.All(seen, headers =>
        {
            Assert.Null(headers.ForwardedFor);
            Assert.Null(headers.ForwardingKey);
        });
    }

    // The search page as a visitor on 127.0.0.1 asks for it, claiming to be 203.0.113.9; the receiving end records what
    // reached it, as the Api's own forwarding check would read it.
    private static async Task<List<SeenHeaders>> HeadersTheApiSeesAsync(string? forwardingKey)
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new ConcurrentQueue<SeenHeaders>();
        var builder = LoopbackWebApplication.CreateBuilder();
        await using var api = builder.Build();
        api.Use(async (context, next) =>
        {
            seen.Enqueue(new SeenHeaders(
                context.Request.Path,
                context.Request.Headers["X-Forwarded-For"].FirstOrDefault(),
                context.Request.Headers["X-Marketplace-Forwarding-Key"].FirstOrDefault()));
            await next(context);
        });
        api.MapGet("/api/categories", () => Results.Json(Array.Empty<object>()));
        api.MapGet("/api/listings", () => Results.Json(new { items = Array.Empty<object>(), nextCursor = (string?)null }));
        await api.StartAsync(ct);

        await using var web = new WebApp(api.BaseAddress(), forwardingKey);
        web.UseKestrel(0);
        using var client = web.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode, $"The search page answered {(int)response.StatusCode}.");
        return [.. seen];
    }

    private sealed record SeenHeaders(string Path, string? ForwardedFor, string? ForwardingKey);
}
