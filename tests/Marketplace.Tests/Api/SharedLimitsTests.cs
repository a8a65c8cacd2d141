using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Auth;
using Marketplace.Data.Entities;
using Marketplace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Rate limits are one budget for every replica, counted in a real Redis: anonymous endpoints by the caller's network
/// whatever token comes along, failed sign-ins per account, forgot-password and resend per email, writes per account.
/// </summary>
public sealed class SharedLimitsTests(PostgresServer server)
{
    [Fact]
    public async Task Sign_ins_over_two_replicas_from_one_IPv6_64_carrying_other_accounts_tokens_spend_one_budget()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "6",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Each attempt from another address of the same /64, each with a valid token of an account of its own.
            var token = await TokenOfNewAccountAsync(replicas.First);
            using var client = TwoReplicas.Visitor(replicas.Turn(i), $"2001:db8:7:1::{i + 1:x}", token);
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{i}@example.com", password = "a wrong guess" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 6), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 6)], statuses);
        using var otherNetwork = TwoReplicas.Visitor(replicas.Second, "2001:db8:7:2::1");
        using var fresh = await otherNetwork.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "a wrong guess" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, fresh.StatusCode);
    }

    [Fact]
    public async Task After_five_failed_sign_ins_on_one_account_over_both_replicas_the_next_must_wait_and_an_unknown_email_gets_the_same_answers()
    {
        await using var replicas = await TwoReplicas.StartAsync(server);
        var account = await replicas.First.SignUpAsync(verified: false);

        var known = await WrongSignInsAsync(replicas, account.Email, 7);
        var unknown = await WrongSignInsAsync(replicas, $"nobody-{Guid.NewGuid():N}@example.com", 7);

        // The sixth must wait; the seventh, sent at once, waits too, unless the second the sixth was told had passed when
        // it arrived (a loaded machine can take that long over one sign-in): then it is an ordinary wrong guess.
        HttpStatusCode[] expected = [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests];
        Assert.Equal(expected, known.Take(6).Select(a => a.Status));
        Assert.Equal(expected, unknown.Take(6).Select(a => a.Status));
        Assert.All([known[6], unknown[6]], a => Assert.Contains(a.Status, new[] { HttpStatusCode.TooManyRequests, HttpStatusCode.Unauthorized }));
        Assert.All(known.Concat(unknown).Where(a => a.Status == HttpStatusCode.TooManyRequests), a => Assert.InRange(a.RetryAfter!.Value, 1, 2));

        // Once the wait is over the right password signs in, and the count starts over.
        using var client = TwoReplicas.Visitor(replicas.Second, "198.51.100.200");
        HttpStatusCode status;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(250, Ct);
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, Ct);
            status = login.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongSignInsAsync(replicas, account.Email, 1))[0].Status);
    }

    [Fact]
    public async Task Forgot_password_for_one_email_is_one_budget_over_both_replicas_whoever_asks()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?> { ["Accounts:ForgotPasswordsPerEmail"] = "3" });
        var email = $"someone-{Guid.NewGuid():N}@example.com";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = TwoReplicas.Visitor(replicas.Turn(i), $"203.0.113.{i + 1}");
            using var response = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = i % 2 == 0 ? email : email.ToUpperInvariant() }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Resending_the_verification_mail_is_one_budget_per_email_over_both_replicas()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?> { ["RequestLimits:MailsPerWindow"] = "2" });
        var account = await replicas.First.SignUpAsync(verified: false);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = TwoReplicas.Visitor(replicas.Turn(i), $"203.0.113.{i + 1}", account.AccessToken);
            using var response = await client.PostAsync("/api/auth/resend-verification", null, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_signed_in_users_writes_are_one_budget_over_both_replicas()
    {
        await using var replicas = await TwoReplicas.StartAsync(server, new Dictionary<string, string?>
        {
            ["RequestLimits:WritesPerWindow"] = "3",
            ["RequestLimits:WriteWindow"] = "00:10:00",
        });
        var token = await TokenOfNewAccountAsync(replicas.First);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = TwoReplicas.Visitor(replicas.Turn(i), $"203.0.113.{i + 1}", token);
            using var response = await client.PostAsJsonAsync("/api/listings",
                new { title = $"Listing {i}", description = "d", price = 1, categorySlug = "toys" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>Wrong sign-ins on <paramref name="email"/>, taking turns between the replicas, each from another address.</summary>
    private static async Task<List<(HttpStatusCode Status, int? RetryAfter)>> WrongSignInsAsync(TwoReplicas replicas, string email, int attempts)
    {
        var answers = new List<(HttpStatusCode, int?)>();
        for (var i = 0; i < attempts; i++)
        {
            using var client = TwoReplicas.Visitor(replicas.Turn(i), $"198.51.100.{i + 1}");
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "a wrong guess" }, Ct);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values)
                ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
                : (int?)null;
            answers.Add((response.StatusCode, retryAfter));
        }

        return answers;
    }

    /// <summary>A verified account written to the table, with a token from the Api's own issuer: no anonymous budget spent.</summary>
    private static async Task<string> TokenOfNewAccountAsync(ApiApp app)
    {
        var id = await app.InsertUserAsync();
        return await app.Services.GetRequiredService<AccessTokens>().IssueAsync(app, new User
        {
            Id = id,
            Email = $"{id}@example.com",
            NormalizedEmail = $"{id}@EXAMPLE.COM".ToUpperInvariant(),
            DisplayName = "Seller",
            PasswordHash = "not a password hash",
        });
    }
}
