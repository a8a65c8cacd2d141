using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>Writes are limited per caller: a signed-in user by account, anonymous calls (register, login) by address.</summary>
public sealed class RateLimitTests(PostgresServer server)
{
    [Fact]
    public async Task A_user_over_the_write_limit_gets_a_429_problem_with_Retry_After_and_nothing_is_written_while_others_still_write()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "3",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        }, cancellationToken: Ct);
        // Signing up spends the anonymous budget (register and login are writes too), so the second user gets a token directly.
        var eager = await app.SignUpAsync();
        var patientToken = await TokenForAnotherUserAsync(app);

        for (var i = 0; i < 3; i++)
        {
            await eager.CreateListingAsync(title: $"Listing {i}");
        }

        using var rejected = await eager.Client.PostAsJsonAsync("/api/listings",
            new { title = "One too many", description = "d", price = 1, categorySlug = "toys" }, Ct);

        await rejected.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(rejected.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        Assert.Equal(3L, await app.Db.ScalarAsync<long>($"""SELECT count(*) FROM "Listing" WHERE "SellerId" = '{eager.Id}'""", Ct));
        using var patient = app.CreateClient(patientToken);
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsJsonAsync("/api/listings",
            new { title = "Mine", description = "d", price = 1, categorySlug = "toys" }, Ct)).StatusCode);
        using var reads = app.CreateClient(eager.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await reads.GetAsync("/api/listings", Ct)).StatusCode);
    }

    [Fact]
    public async Task Repeated_login_attempts_are_limited_too()
    {
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "2",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        }, cancellationToken: Ct);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "victim@example.com", password = $"guess {i}" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_a_proxy_anonymous_callers_are_limited_by_the_address_the_proxy_saw_not_the_proxys_own()
    {
        // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (set by the AppHost for Azure Container Apps) turns on.
        await using var app = await ApiApp.CreateAsync(server, new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["RequestLimits:WritesPerWindow"] = "2",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        }, cancellationToken: Ct);

        var first = await LoginStatusesAsync(app, "203.0.113.1", 3);
        var second = await LoginStatusesAsync(app, "203.0.113.2", 1);
        // A client cannot buy a fresh budget by sending its own X-Forwarded-For: the proxy appends the address it saw,
        // and only that last entry is believed.
        var spoofed = await LoginStatusesAsync(app, "198.51.100.7, 203.0.113.1", 1);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.Unauthorized], second);
        Assert.Equal([HttpStatusCode.TooManyRequests], spoofed);
    }

    private static async Task<List<HttpStatusCode>> LoginStatusesAsync(ApiApp app, string forwardedFor, int attempts)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "victim@example.com", password = $"guess {i}" }, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>A user inserted directly, with a token from the Api's own issuer: someone else, without spending anonymous writes.</summary>
    private static async Task<string> TokenForAnotherUserAsync(ApiApp app)
    {
        var id = await app.InsertUserAsync();
        var tokens = app.Services.GetRequiredService<AccessTokens>();
        return await tokens.IssueAsync(app, new User
        {
            Id = id,
            Email = $"{id}@example.com",
            NormalizedEmail = $"{id}@EXAMPLE.COM".ToUpperInvariant(),
            DisplayName = "Seller",
            PasswordHash = "not a password hash",
        });
    }
}
