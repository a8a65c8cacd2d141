using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Api.Auth;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;

namespace Marketplace.Tests.Api;

/// <summary>A registered, signed-in user and a client that calls the Api as them.</summary>
public sealed record Account(Guid Id, string Email, string Password, string AccessToken, HttpClient Client);

/// <summary>What a client does with the Api, and how the tests read its answers.</summary>
public static class ApiCalls
{
    public const string Password = "correct horse battery staple";

    /// <summary>How a client reads the Api's JSON: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Registers and signs in; unless <paramref name="verified"/> is false, first follows the verification link from the
    /// mail the Api sent (to the test SMTP server), as a person would, so the account may create listings.
    /// </summary>
    public static async Task<Account> SignUpAsync(this ApiApp app, string? email = null, bool verified = true)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        var mailsBefore = app.Inbox.MailsTo(email).Count;
        using var anonymous = app.CreateClient();
        using var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Test user" }, Ct);
        Assert.True(registered.StatusCode == HttpStatusCode.Accepted, await registered.Content.ReadAsStringAsync(Ct));
        if (verified)
        {
            await anonymous.FollowVerificationMailAsync(app.Inbox, email, mailsBefore + 1);
        }

        var token = await app.LoginAsync(email, Password);
        var client = app.CreateClient(token);
        using var me = await client.GetAsync("/api/me", Ct);
        var user = await me.ReadAsync<AccountResponse>();
        return new Account(user.Id, email, Password, token, client);
    }

    /// <summary>Waits for the <paramref name="number"/>th mail to <paramref name="email"/> and posts its verification token.</summary>
    public static async Task<EmailVerifiedResponse> FollowVerificationMailAsync(this HttpClient client, SmtpInbox inbox, string email, int number = 1)
    {
        var mail = await inbox.WaitForMailAsync(email, number, cancellationToken: Ct);
        using var verified = await client.PostAsJsonAsync("/api/auth/verify-email", new { token = mail.Token("/verify-email") }, Ct);
        return await verified.ReadAsync<EmailVerifiedResponse>();
    }

    public static async Task<string> LoginAsync(this ApiApp app, string email, string password) =>
        (await app.SignInAsync(email, password)).AccessToken;

    /// <summary>Logs in, answering the access token and the refresh token.</summary>
    public static async Task<AccessTokenResponse> SignInAsync(this ApiApp app, string email, string password = Password)
    {
        using var client = app.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, Ct);
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync(Ct));
        return (await login.Content.ReadFromJsonAsync<AccessTokenResponse>(Json, Ct))!;
    }

    /// <summary>POST /api/auth/refresh with <paramref name="refreshToken"/>, anonymously.</summary>
    public static async Task<HttpResponseMessage> RefreshAsync(this ApiApp app, string refreshToken)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, Ct);
    }

    /// <summary>A listing id that exists nowhere: archiving it is a 404 when signed in, a 401 otherwise.</summary>
    public const string NoListing = "/api/listings/9223372036854775807";

    /// <summary>Asserts that the client's token is accepted, by an authenticated request with no effect.</summary>
    public static async Task AssertSignedInAsync(this HttpClient client)
    {
        using var response = await client.DeleteAsync(NoListing, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>Asserts that the client's token is refused with a 401 problem.</summary>
    public static async Task AssertSignedOutAsync(this HttpClient client)
    {
        using var response = await client.DeleteAsync(NoListing, Ct);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>A problem without its traceId, to compare two answers.</summary>
    public static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));

    /// <summary>The status a login with <paramref name="email"/> and the test password answers.</summary>
    public static async Task<HttpStatusCode> LoginStatusAsync(this ApiApp app, string email)
    {
        using var client = app.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct);
        return login.StatusCode;
    }

    /// <summary>A JSON body exactly as written, so tests can send what no serializer would produce.</summary>
    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, RawJson(json), Ct);

    public static async Task<ListingResponse> CreateListingAsync(
        this Account seller,
        string title = "Walnut desk",
        decimal price = 120m,
        string categorySlug = "furniture",
        string description = "Solid walnut, a few scratches.",
        string status = "Active")
    {
        using var response = await seller.Client.PostAsJsonAsync("/api/listings", new { title, description, price, categorySlug, status }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ListingResponse>(Json, Ct))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>
    /// Asserts an RFC 9457 problem with <paramref name="status"/>; with <paramref name="field"/>, that it is a validation
    /// problem whose errors name exactly that field, by its JSON name.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        // A URI naming the problem: the RFC's for the standard statuses, ours (urn:marketplace:problem:...) for our own conditions.
        Assert.True(Uri.TryCreate(problem.GetProperty("type").GetString(), UriKind.Absolute, out var type) && type.Scheme is "https" or "urn", body);
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors in {body}");
            Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
            Assert.NotEmpty(errors.GetProperty(field).EnumerateArray());
        }

        return problem;
    }

    public static Task<long> CountListingsAsync(this ApiApp app) =>
        app.Db.ScalarAsync<long>("""SELECT count(*) FROM "Listing" """, Ct);

    /// <summary>Adds a category straight to the table, as an admin tool would; returns its id.</summary>
    public static Task<int> AddCategoryAsync(this ApiApp app, string slug, string? parentSlug, bool active = true, int sortOrder = 10) =>
        app.Db.ScalarAsync<int>($"""
            INSERT INTO "Category" ("Name", "Slug", "ParentId", "SortOrder", "IsActive")
            VALUES ('{slug}', '{slug}', {(parentSlug is null ? "NULL" : $"(SELECT \"Id\" FROM \"Category\" WHERE \"Slug\" = '{parentSlug}')")}, {sortOrder}, {(active ? "TRUE" : "FALSE")})
            RETURNING "Id"
            """, Ct);

    /// <summary>
    /// A user written straight to the table (no password work, email verified), for tests that only need someone to own listings.
    /// </summary>
    public static async Task<Guid> InsertUserAsync(this ApiApp app)
    {
        var id = Guid.NewGuid();
        await app.Db.ExecuteAsync($"""
            INSERT INTO "User" ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "EmailVerifiedAt")
            VALUES ('{id}', '{id}@example.com', '{id.ToString().ToUpperInvariant()}@EXAMPLE.COM', 'Seller', 'not a password hash', now())
            """, Ct);
        return id;
    }

    public static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 100)];
}
