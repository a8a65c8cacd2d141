using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The real processes, as an orchestrator runs them: the worker to completion, then the built Api on a loopback port
/// in Production with its settings from the environment, driven over HTTP like a client would.
/// </summary>
public sealed class EndToEndTests(PostgresServer server)
{
    [Fact]
    public async Task The_worker_then_the_Api_serve_registration_login_listings_search_and_categories_over_HTTP()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        // The worker owns the schema and makes the Api's role; the Api connects as that role, with rights on rows only.
        var worker = await WorkerRunner.RunProcessAsync(
            new Dictionary<string, string?>(database.ApiLogin.WorkerEnvironment) { ["ConnectionStrings__marketplacedb"] = database.ConnectionString }, [], Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());

        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = database.ApiConnectionString,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
        });
        await api.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress };

        var categories = await (await http.GetAsync("/api/categories", Ct)).ReadAsync<List<CategoryResponse>>();
        Assert.Equal(10, categories.Count);
        var furniture = await (await http.GetAsync("/api/categories/furniture", Ct)).ReadAsync<CategoryDetailResponse>();
        Assert.Equal(["furniture"], furniture.Path.Select(p => p.Slug));

        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        Assert.Equal(email, (await (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "E2E" }, Ct))
            .ReadAsync<RegistrationAcceptedResponse>(HttpStatusCode.Accepted)).Email);
        // The verification mail went over SMTP, its link under the public base URL; following it allows listings.
        var mail = await SmtpInbox.Shared.WaitForMailAsync(email, cancellationToken: Ct);
        Assert.StartsWith(ApiApp.PublicBaseUrl + "/verify-email?token=", mail.Link("/verify-email").AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(email, (await http.FollowVerificationMailAsync(SmtpInbox.Shared, email)).Email);
        var token = await (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct)).ReadAsync<AccessTokenResponse>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        var userId = (await (await http.GetAsync("/api/me", Ct)).ReadAsync<AccountResponse>()).Id;

        using var created = await http.PostAsJsonAsync("/api/listings",
            new { title = "Harpsichord", description = "Restored, tuned last spring.", price = 4200.00m, categorySlug = "collectibles" }, Ct);
        var listing = await created.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        Assert.Equal((userId, "collectibles"), (listing.SellerId, listing.CategorySlug));
        Assert.Equivalent(listing, await (await http.GetAsync(created.Headers.Location, Ct)).ReadAsync<ListingResponse>(), strict: true);

        var found = await (await http.GetAsync("/api/listings?q=harpsichords&categorySlug=collectibles", Ct)).ReadAsync<ListingPage>();
        Assert.Equal([listing.Id], found.Items.Select(l => l.Id));

        // Kestrel, unlike the in-process test server, also enforces the body limit on a body sent without a length.
        using var chunked = new StringContent($$"""{"title": "t", "description": "{{new string('d', 70_000)}}", "price": 1, "categorySlug": "toys"}""",
            Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null;
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/listings") { Content = chunked };
        tooLarge.Headers.TransferEncodingChunked = true;
        await (await http.SendAsync(tooLarge, Ct)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
