using System.Net;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The incident's failure, seen in a browser: the database lacks a column this build reads, the Api answers 503, and
/// the Web says the marketplace is briefly unavailable instead of showing a stack trace. The column comes back in the
/// same test, so the shared app serves the tests after it.
/// </summary>
public sealed class UnavailablePageTests(LocalBinariesApp app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task When_the_api_answers_503_the_search_page_says_the_marketplace_is_briefly_unavailable()
    {
        var connectionString = await App.App.GetConnectionStringAsync("marketplacedb", Ct);
        await using var database = NpgsqlDataSource.Create(connectionString!);
        await database.CreateCommand("""ALTER TABLE "Listing" RENAME COLUMN "Title" TO "TitleHidden" """).ExecuteNonQueryAsync(Ct);
        try
        {
            // The Api answers 503 at once (what the Web is then shown is the Web's doing, not the Api's).
            using (var api = App.App.CreateHttpClient("api"))
            using (var answer = await api.GetAsync(new Uri("/api/listings?q=lamp", UriKind.Relative), Ct).WaitAsync(AnswerWithin, Ct))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            }

            // A visitor is told at once, not kept waiting for the Api's Retry-After (tens of seconds).
            var response = await Page.GotoAsync("/?q=lamp", new() { Timeout = (float)AnswerWithin.TotalMilliseconds });

            Assert.Equal(503, response?.Status);
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "The marketplace is briefly unavailable" })).ToBeVisibleAsync();
            await Expect(Page.GetByText("Exception")).Not.ToBeVisibleAsync();
            await Expect(Page.GetByText("Npgsql")).Not.ToBeVisibleAsync();
        }
        finally
        {
            await database.CreateCommand("""ALTER TABLE "Listing" RENAME COLUMN "TitleHidden" TO "Title" """).ExecuteNonQueryAsync(CancellationToken.None);
        }

        // Back to normal at once: the next search is served.
        var served = await Page.GotoAsync("/?q=lamp");
        Assert.Equal(200, served?.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "The marketplace is briefly unavailable" })).Not.ToBeVisibleAsync();
    }
}
