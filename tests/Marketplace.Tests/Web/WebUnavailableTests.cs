using System.Net;

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
    public async Task An_unknown_address_is_a_404_page_in_words()
    {
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient();

        using var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
