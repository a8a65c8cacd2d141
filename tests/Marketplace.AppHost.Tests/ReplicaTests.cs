extern alias MarketplaceWeb;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.AppHost.Tests.Support;
using MarketplaceWeb::Marketplace.Web.Api;
using Npgsql;

namespace Marketplace.AppHost.Tests;

/// <summary>
/// The AppHost's two Api replicas and two Web replicas, as processes, sharing one redis-server: budgets are one, a
/// session ended through one replica ends on the other at once, Redis may go away and come back, and a session cookie
/// works on either Web replica, even when both refresh it at the same moment.
/// </summary>
public sealed partial class ReplicaTests(ReplicaApp fixture) : IClassFixture<ReplicaApp>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sixty_wrong_sign_ins_over_both_replicas_carrying_another_accounts_token_are_limited_as_one_budget()
    {
        var apis = await ApisAsync();
        var victim = await RegisterAsync("2001:db8:60:9::1");
        var holder = await RegisterAsync("2001:db8:60:9::2");
        var token = await SignInAsync(apis[0], "2001:db8:60:9::2", holder);

        // Against one account: counted per account whichever replica answers, so five wrong guesses, then waits.
        var oneAccount = await WrongSignInsAsync(apis, "2001:db8:60:1::", token, _ => victim);
        // Against sixty accounts: counted per address, whatever token comes along: one budget of 30 for both replicas.
        var manyAccounts = await WrongSignInsAsync(apis, "2001:db8:60:2::", token, i => $"nobody-{i}-{Guid.NewGuid():N}@example.com");

        Assert.All(oneAccount.Concat(manyAccounts), status => Assert.Contains(status, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        // The delay doubles from one second after the fifth: a slow machine lets a few more through in the minute, never ten.
        Assert.InRange(oneAccount.Count(s => s == HttpStatusCode.Unauthorized), 5, 9);
        Assert.Equal(30, manyAccounts.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_suspension_made_through_one_replica_is_refused_by_the_other_although_it_caches_stamps_for_five_minutes()
    {
        var apis = await ApisAsync();
        var user = await RegisterAsync("192.0.2.10");
        var admin = await RegisterAsync("192.0.2.11");
        await ExecuteAsync($"""UPDATE "User" SET "Role" = 'admin' WHERE "NormalizedEmail" = '{admin.ToUpperInvariant()}'""");
        var userToken = await SignInAsync(apis[0], "192.0.2.10", user);
        var adminToken = await SignInAsync(apis[0], "192.0.2.11", admin);
        using var onSecond = Client(apis[1], "192.0.2.10", userToken);
        using (var me = await onSecond.DeleteAsync(new Uri("/api/listings/9223372036854775807", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, me.StatusCode);
        }

        var userId = await ScalarAsync($"""SELECT "Id"::text FROM "User" WHERE "NormalizedEmail" = '{user.ToUpperInvariant()}'""");
        using var onFirst = Client(apis[0], "192.0.2.11", adminToken);
        using (var suspend = await onFirst.PostAsJsonAsync($"/api/admin/users/{userId}/suspend", new { reason = "Spam" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var probe = await onSecond.DeleteAsync(new Uri("/api/listings/9223372036854775807", UriKind.Relative), Ct);
            status = probe.StatusCode;
            await Task.Delay(100, Ct);
        }
        while (status != HttpStatusCode.Unauthorized && stopwatch.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task With_Redis_stopped_search_answers_sign_in_keeps_within_each_replicas_share_health_is_degraded_and_all_recovers_when_it_is_back()
    {
        var apis = await ApisAsync();
        var account = await RegisterAsync("198.51.100.30");
        var statuses = new List<HttpStatusCode>();

        var stopped = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache", KnownResourceCommands.StopCommand, Ct);
        try
        {
            Assert.True(stopped.Success, stopped.Message);
            await fixture.App.WaitForTerminalAsync("cache", Ct);
            foreach (var api in apis)
            {
                Assert.Equal("Degraded", await HealthAsync(api, until: "Degraded"));
                using var anonymous = Client(api, "198.51.100.31");
                using var search = await anonymous.GetAsync(new Uri("/api/listings?q=lamp", UriKind.Relative), Ct);
                statuses.Add(search.StatusCode);
                Assert.Equal(HttpStatusCode.OK, search.StatusCode);

                // Thirty a minute for both, so fifteen here: the fifteen sign-ins work, the sixteenth waits.
                var signIns = new List<HttpStatusCode>();
                for (var i = 0; i < 16; i++)
                {
                    using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = account, password = Password }, Ct);
                    signIns.Add(login.StatusCode);
                }

                statuses.AddRange(signIns);
                Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 15), HttpStatusCode.TooManyRequests], signIns);
            }
        }
        finally
        {
            await fixture.App.ResourceCommands.ExecuteCommandAsync("cache", KnownResourceCommands.StartCommand, Ct);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cache", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        foreach (var api in apis)
        {
            Assert.Equal("Healthy", await HealthAsync(api, until: "Healthy"));
        }

        // Counted together again, without a restart: thirty from a new address over both replicas, then 429 on either.
        var together = await WrongSignInsAsync(apis, "2001:db8:30:1::", token: null, i => $"nobody-{i}-{Guid.NewGuid():N}@example.com", attempts: 32);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 30), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], together);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
    }

    [Fact]
    public async Task A_session_cookie_from_one_web_replica_is_read_by_the_other_and_both_refreshing_it_at_once_sign_nobody_out()
    {
        var webs = await ReplicaEndpoints.OfAsync(fixture.App, "web", 2, Ct);
        var email = await RegisterAsync("203.0.113.40");

        // Signed in on the first replica: its cookie opens a signed-in page on the second.
        var cookie = await SignInOnWebAsync(webs[0], email);
        var onSecond = await PageAsync(webs[1], "/me/listings", cookie);
        Assert.Equal(HttpStatusCode.OK, onSecond.Status);
        Assert.Contains("Signed in as", onSecond.Body, StringComparison.Ordinal);

        // Access tokens live a minute here, so each request refreshes the session (the second replica just did). Both
        // replicas at once, one cookie: each exchanges the same refresh token, and both keep the visitor signed in.
        cookie = onSecond.Cookie ?? cookie;
        var pages = await Task.WhenAll(webs.Select(web => PageAsync(web, "/me/listings", cookie)));
        Assert.All(pages, page =>
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Signed in as", page.Body, StringComparison.Ordinal);
            Assert.NotNull(page.Cookie);
        });

        // Whichever answer the browser kept, the session goes on, on either replica.
        foreach (var (page, web) in pages.Zip(webs.Reverse()))
        {
            var next = await PageAsync(web, "/me/listings", page.Cookie!);
            Assert.Equal(HttpStatusCode.OK, next.Status);
            Assert.Contains("Signed in as", next.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_category_an_admin_creates_through_one_web_replica_is_in_its_search_filter_at_once_and_in_the_others_within_its_copys_age()
    {
        var webs = await ReplicaEndpoints.OfAsync(fixture.App, "web", 2, Ct);
        var email = await RegisterAsync("203.0.113.50");
        await ExecuteAsync($"""UPDATE "User" SET "Role" = 'admin', "EmailVerifiedAt" = now() WHERE "Email" = '{email}'""");
        var word = Guid.NewGuid().ToString("N")[..10];
        var name = $"Reading lamps {word}";

        // Both replicas' search pages have shown the categories, so each holds its copy of the tree.
        foreach (var web in webs)
        {
            var search = await PageAsync(web, "/search", cookie: "");
            Assert.Equal(HttpStatusCode.OK, search.Status);
            Assert.Contains("Furniture", search.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(name, search.Body, StringComparison.Ordinal);
        }

        // The admin creates a subcategory of Furniture on the first replica's admin page, as a browser posts the form.
        var cookie = await SignInOnWebAsync(webs[0], email);
        var created = await PostFormAsync(webs[0], "/admin/categories", "/admin/categories?handler=Create", cookie, new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Slug"] = $"reading-lamps-{word}",
            ["Description"] = "",
            ["ParentId"] = await ScalarAsync("""SELECT "Id"::text FROM "Category" WHERE "Slug" = 'furniture'"""),
        });
        Assert.True(created.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{created.Status}: {created.Body}");

        // The replica it was made through forgot its copy: its next search page offers the new category.
        Assert.Contains(name, (await PageAsync(webs[0], "/search", cookie: "")).Body, StringComparison.Ordinal);

        // The other keeps its copy for at most its age, then reads the tree again (the Api's replicas heard the change at once).
        var clock = Stopwatch.StartNew();
        while (!(await PageAsync(webs[1], "/search", cookie: "")).Body.Contains(name, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < MarketplaceApiClient.CategoriesToBrowseAge + TimeSpan.FromSeconds(5),
                $"The other Web replica's search page did not offer the new category within {clock.Elapsed.TotalSeconds:0} s.");
            await Task.Delay(250, Ct);
        }
    }

    private async Task<IReadOnlyList<Uri>> ApisAsync()
    {
        fixture.SkipUnlessRunning();
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", Ct).WaitAsync(AppHostTestRun.WaitTimeout * 2, Ct);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("mail", Ct).WaitAsync(AppHostTestRun.WaitTimeout, Ct);
        return await ReplicaEndpoints.OfAsync(fixture.App, "api", 2, Ct);
    }

    /// <summary>A client of one replica, counted as <paramref name="visitor"/> (the Web's forwarding channel).</summary>
    private static HttpClient Client(Uri api, string visitor, string? token = null)
    {
        var client = new HttpClient { BaseAddress = api };
        client.DefaultRequestHeaders.Add("X-Marketplace-Forwarding-Key", ReplicaApp.ForwardingKey);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", visitor);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Registers an account through Aspire's endpoint (either replica) and answers its email.</summary>
    private async Task<string> RegisterAsync(string visitor)
    {
        var email = $"replica-{Guid.NewGuid():N}@example.com";
        using var client = Client(fixture.App.GetEndpoint("api", "http"), visitor);
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Replica" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        return email;
    }

    private static async Task<string> SignInAsync(Uri api, string visitor, string email)
    {
        using var client = Client(api, visitor);
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Wrong sign-ins taking turns between the replicas, each from another address of one /64.</summary>
    private static async Task<List<HttpStatusCode>> WrongSignInsAsync(
        IReadOnlyList<Uri> apis, string network, string? token, Func<int, string> email, int attempts = 60)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var client = Client(apis[i % apis.Count], network + (i + 1).ToString("x", CultureInfo.InvariantCulture), token);
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = email(i), password = "a wrong guess" }, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>/health's answer from <paramref name="api"/> once it is <paramref name="until"/>, or after a minute.</summary>
    private static async Task<string> HealthAsync(Uri api, string until)
    {
        using var client = new HttpClient { BaseAddress = api };
        var stopwatch = Stopwatch.StartNew();
        string body;
        do
        {
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
            // Development (as the AppHost runs it) answers the report as JSON; elsewhere the status alone.
            body = await health.Content.ReadAsStringAsync(Ct);
            body = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()! : body;
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            if (body != until)
            {
                await Task.Delay(250, Ct);
            }
        }
        while (body != until && stopwatch.Elapsed < TimeSpan.FromMinutes(1));

        return body;
    }

    /// <summary>Signs in on the Web's sign-in form, as a browser posts it; answers the session cookie.</summary>
    private static async Task<string> SignInOnWebAsync(Uri web, string email)
    {
        var signedIn = await PostFormAsync(web, "/account/sign-in", "/account/sign-in", cookie: "", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, $"{signedIn.Status}: {signedIn.Body}");
        return signedIn.Cookie ?? "";
    }

    /// <summary>
    /// Opens <paramref name="formPath"/> on one Web replica with <paramref name="cookie"/> and posts <paramref name="fields"/>
    /// to <paramref name="postPath"/> with that page's anti-forgery token and cookies, as a browser does; answers the
    /// post's status, body and the cookies it set, if any.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body, string? Cookie)> PostFormAsync(
        Uri web, string formPath, string postPath, string cookie, Dictionary<string, string> fields)
    {
        var form = await PageAsync(web, formPath, cookie);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(form.Body).Groups[1].Value;
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = web };
        using var post = new HttpRequestMessage(HttpMethod.Post, postPath) { Content = new FormUrlEncodedContent(fields) };
        var cookies = WithCookies(cookie, form.Cookie);
        if (cookies.Length > 0)
        {
            post.Headers.Add("Cookie", cookies);
        }

        using var response = await client.SendAsync(post, Ct);
        var set = CookiesOf(response);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), set.Length == 0 ? null : set);
    }

    /// <summary>GETs <paramref name="path"/> from one Web replica with <paramref name="cookie"/> (none if empty); answers the page and the cookie it set, if any.</summary>
    private static async Task<(HttpStatusCode Status, string Body, string? Cookie)> PageAsync(Uri web, string path, string cookie)
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = web };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request, Ct);
        var set = CookiesOf(response);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), set.Length == 0 ? null : set);
    }

    /// <summary><paramref name="cookie"/> with what a response <paramref name="set"/> (name=value; ...) replacing or added.</summary>
    private static string WithCookies(string cookie, string? set)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in $"{cookie}; {set}".Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            cookies[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair;
        }

        return string.Join("; ", cookies.Values);
    }

    /// <summary>The cookies a response set, as the next request's Cookie header (name=value; ...).</summary>
    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(v => !v.EndsWith('=')) : []);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("marketplacedb", Ct));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("marketplacedb", Ct));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
