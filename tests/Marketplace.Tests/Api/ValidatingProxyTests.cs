using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketplace.Tests.Support;
using Npgsql;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Api's answers checked against its own OpenAPI document by a validating proxy (Stoplight Prism) that a client
/// could put in front of it: every request of Api.http, then a session that makes each operation answer each error it
/// documents, rate limit and database outage included. Prism reports a response that does not match the document (an
/// undocumented status, a body or header that breaks its schema) in an sl-violations header.
/// </summary>
public sealed class ValidatingProxyTests(PostgresServer server, ITestOutputHelper output)
{
    private const int WritesPerWindow = 25;

    [Fact]
    public async Task A_session_through_Prisms_validating_proxy_meets_no_response_violation_and_answers_every_documented_error()
    {
        var prism = await OpenApiTools.FindAsync("prism");
        await using var database = await server.CreateDatabaseAsync(Ct);
        var worker = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        var file = await ApiHttpFile.ReadAsync();
        await file.CreateAdminAsync(database.ConnectionString);
        // The Api reaches PostgreSQL through a port the test can close, to meet its 503 through Prism as well.
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var link = new DelayedTcpProxy(target.Host!, target.Port);
        link.Open();
        var blobs = (await AzuriteServer.SharedAsync()).Environment(AzuriteServer.NewContainerName());
        await using var api = ApiProcess.Start(new Dictionary<string, string?>(blobs)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = link.Port }.ConnectionString,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["RequestLimits__WritesPerWindow"] = $"{WritesPerWindow}",
            ["RequestLimits__WriteWindow"] = "00:10:00",
        });
        await api.WaitUntilReadyAsync();
        await using var proxy = await PrismProxy.StartAsync(prism, api.BaseAddress);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        var session = new Session(client);

        // Prism re-encodes a binary request body as text, which corrupts an uploaded photo: the upload goes to the Api
        // directly (its 201 is still checked against the document by the other tests); everything else through Prism.
        using var direct = new HttpClient { BaseAddress = api.BaseAddress };
        session.Record(await file.SendAllAsync(session.Client, file.TokensFromMail(SmtpInbox.Shared), multipartClient: direct));
        // Api.http ends by deleting its account: the rest of the session signs up accounts of its own.
        var (adaEmail, ada) = await session.SignUpAsync();
        var (_, bob) = await session.SignUpAsync();
        var lamp = await session.CreateListingAsync(ada);
        var archived = await session.CreateListingAsync(ada);

        // A taken address is answered as a new one is: registration names no account.
        await session.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/auth/register", JsonSerializer.Serialize(new { email = adaEmail, password = Password, displayName = "Ada" }));
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/auth/register", """{"email": "not-an-email", "password": "correct horse", "displayName": "A"}""");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/auth/register", """{"email": "a@example.com", "password": "correct horse", "displayName": "A\u0000"}""");
        await session.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/auth/login", JsonSerializer.Serialize(new { email = adaEmail, password = "not the password" }));
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/auth/login", $$"""{"email": "{{adaEmail}}", "password": """);
        await session.ExpectAsync(HttpStatusCode.UnsupportedMediaType, HttpMethod.Post, "/api/auth/login", "email=ada", contentType: "text/plain");
        await session.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, HttpMethod.Post, "/api/auth/register", $$"""{"email": "{{new string('a', 70_000)}}"}""");
        await session.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/categories/spaceships");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/categories?q=%00");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/categories/furniture?q=%00");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/listings?limit=0&q=%00");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/listings?cursor=forged");
        var page = await session.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/listings?sort=price_asc&limit=1");
        await session.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/listings?sort=price_asc&limit=1&cursor={page.GetProperty("nextCursor").GetString()}");
        await session.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/listings/999999999");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"/api/listings/{lamp}?q=%00");
        await session.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/listings", """{"title": "t", "description": "d", "price": "1.00", "categorySlug": "toys"}""");
        await session.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/listings", """{"title": "t", "description": "d", "price": "1.00", "categorySlug": "toys"}""", token: "not-a-token");
        await session.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/listings", """{"title": "t", "description": "d", "price": "1.005", "categorySlug": "toys"}""", token: ada);
        await session.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, HttpMethod.Post, "/api/listings", $$"""{"title": "{{new string('t', 70_000)}}"}""", token: ada);
        await session.ExpectAsync(HttpStatusCode.UnsupportedMediaType, HttpMethod.Put, $"/api/listings/{lamp}", "title=t", token: ada, contentType: "text/plain");
        await session.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/api/listings/{lamp}", """{"title": "Mine now", "description": "d", "price": 2, "categorySlug": "toys"}""", token: bob);
        await session.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/listings/{lamp}", """{"title": "Lamp", "description": "Brass.", "price": 0.07, "categorySlug": "toys", "status": "Sold"}""", token: ada);
        await session.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/listings/{archived}", token: ada);
        await session.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/listings/{archived}", """{"title": "Back", "description": "d", "price": 1, "categorySlug": "toys"}""", token: ada);
        await session.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/listings/{lamp}", token: bob);
        await session.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Delete, $"/api/listings/{lamp}");
        await session.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/listings/{archived}");

        // Anonymous writes share one budget per address; spend it.
        for (var i = 0; i <= WritesPerWindow && session.Statuses.All(s => s.Status != HttpStatusCode.TooManyRequests); i++)
        {
            await session.SendAsync(HttpMethod.Post, "/api/auth/login", """{"email": "nobody@example.com", "password": "guess"}""");
        }

        // The database goes away: its port refuses, and the Api's open connections are cut.
        await link.DisposeAsync();
        await session.ExpectAsync(HttpStatusCode.ServiceUnavailable, HttpMethod.Get, "/api/listings?q=lamp");
        await session.ExpectAsync(HttpStatusCode.ServiceUnavailable, HttpMethod.Get, $"/api/listings/{lamp}");

        output.WriteLine($"{session.Statuses.Count} responses through Prism: " +
                         string.Join(", ", session.Statuses.GroupBy(s => (int)s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}")));
        Assert.Contains(session.Statuses, s => s.Status == HttpStatusCode.TooManyRequests);
        Assert.True(session.ResponseViolations.Count == 0, string.Join('\n', session.ResponseViolations) + "\n" + proxy.Output);
        Assert.True(session.Statuses.Count > 40, $"Only {session.Statuses.Count} responses went through Prism:\n{proxy.Output}");
    }

    /// <summary>Requests through Prism, what each answered, and the response violations Prism reported.</summary>
    private sealed class Session(HttpClient client)
    {
        public HttpClient Client { get; } = client;

        public List<(string Request, HttpStatusCode Status)> Statuses { get; } = [];

        public List<string> ResponseViolations { get; } = [];

        public void Record(IEnumerable<ApiHttpFileExchange> exchanges)
        {
            foreach (var exchange in exchanges)
            {
                Assert.True(exchange.Status is >= 200 and < 300, $"{exchange.Method} {exchange.Url} answered {exchange.Status}: {exchange.Body}");
                Note($"{exchange.Method} {exchange.Url}", (HttpStatusCode)exchange.Status, exchange.Headers.GetValueOrDefault(PrismProxy.ViolationsHeader));
            }
        }

        public async Task<string> TokenAsync(string email, string password) =>
            (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/login", JsonSerializer.Serialize(new { email, password })))
            .GetProperty("accessToken").GetString()!;

        public async Task<(string Email, string Token)> SignUpAsync()
        {
            var email = $"bob-{Guid.NewGuid():N}@example.com";
            await ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/auth/register", JsonSerializer.Serialize(new { email, password = Password, displayName = "Bob" }));
            var mail = await SmtpInbox.Shared.WaitForMailAsync(email, cancellationToken: Ct);
            await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/verify-email", JsonSerializer.Serialize(new { token = mail.Token("/verify-email") }));
            return (email, await TokenAsync(email, Password));
        }

        public async Task<long> CreateListingAsync(string token) =>
            (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/listings",
                """{"title": "Brass lamp", "description": "Works.", "price": "24.50", "categorySlug": "home-and-garden"}""", token))
            .GetProperty("id").GetInt64();

        public async Task<JsonElement> ExpectAsync(
            HttpStatusCode status, HttpMethod method, string path, string? body = null, string? token = null, string contentType = "application/json")
        {
            var (actual, text) = await SendAsync(method, path, body, token, contentType);
            Assert.True(actual == status, $"{method} {path}: expected {(int)status}, got {(int)actual}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<(HttpStatusCode Status, string Body)> SendAsync(
            HttpMethod method, string path, string? body = null, string? token = null, string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(method, path);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType);
            }

            using var response = await Client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Note($"{method} {path}", response.StatusCode, PrismProxy.ViolationsOf(response));
            return (response.StatusCode, text);
        }

        private void Note(string request, HttpStatusCode status, string? violations)
        {
            Statuses.Add((request, status));
            if (violations is null)
            {
                return;
            }

            foreach (var violation in JsonDocument.Parse(violations).RootElement.EnumerateArray()
                         .Where(v => v.GetProperty("location")[0].GetString() == "response"))
            {
                ResponseViolations.Add($"{request} answered {(int)status}: {violation.GetProperty("message").GetString()}");
            }
        }
    }
}
