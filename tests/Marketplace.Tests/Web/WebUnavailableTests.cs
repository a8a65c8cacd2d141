using System.Diagnostics;
using System.Net;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Tests.Web;

/// <summary>With no Api to answer, a visitor gets the "briefly unavailable" page: 503, Retry-After, no stack trace.</summary>
public sealed class WebUnavailableTests
{
    // Nothing listens on port 1 of the loopback address: every connection is refused at once.
    private static readonly Uri NoApi = new("http://127.0.0.1:1");

    [Theory]
    [InlineData("/")]
    [InlineData("/listings/1")]
    [InlineData("/account/register")]
    public async Task A_page_that_needs_the_api_answers_503_with_retry_after_and_says_so_in_words(string path)
    {
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        if (path == "/account/register")
        {
            // A page that does not call the Api still works.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Contains("<h1>The marketplace is briefly unavailable</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_answering_503_with_a_long_retry_after_is_shown_to_the_visitor_at_once_and_not_asked_again()
    {
        // What the Api answers while its schema guard says the database is not ready: the categories from its cache,
        // the search 503 with Retry-After 30 (Health:SchemaCheckInterval).
        var ct = TestContext.Current.CancellationToken;
        var searches = 0;
        var builder = LoopbackWebApplication.CreateBuilder();
        await using var api = builder.Build();
        api.MapGet("/api/categories", () => Results.Json(Array.Empty<object>()));
        api.MapGet("/api/listings", (HttpContext context) =>
        {
            Interlocked.Increment(ref searches);
            context.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database is not ready for this version of the service.");
        });
        await api.StartAsync(ct);

        await using var web = new WebApp(api.BaseAddress());
        using var client = web.CreateClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/?q=lamp", ct);
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("<h1>The marketplace is briefly unavailable</h1>", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The page took {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(1, Volatile.Read(ref searches));
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_page_in_words()
    {
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient();

        using var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
