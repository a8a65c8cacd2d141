using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// PostgreSQL restarted under load, as an operator or a managed service's maintenance does it: the real Api process keeps
/// answering (503 with Retry-After while the database is away, never a 500, never a request left hanging), and serves
/// again once PostgreSQL is back, without a restart of its own. The server is this test's own, started from the
/// machine's binaries: stopping the shared one would fail every other test running beside it.
/// </summary>
public sealed partial class DatabaseRestartTests(ITestOutputHelper output)
{
    /// <summary>Longer than any request may take: the Api answers from its bounded retries and timeouts well within it.</summary>
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    /// <summary>How long PostgreSQL stays down: long enough for every kind of request to meet the outage.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    /// <summary>A generous bound on "serves again": the Api is back once it has answered every request for this long.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Under_load_a_PostgreSQL_restart_is_answered_with_503_and_Retry_After_and_the_same_Api_process_serves_again()
    {
        Assert.SkipWhen(LocalPostgres.MissingReason is not null, LocalPostgres.MissingReason ?? "");
        using var postgres = (await LocalPostgres.TryStartAsync())!;
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "marketplacedb" }.ConnectionString;
        await using (var admin = new Db(postgres.ConnectionString))
        {
            await admin.ExecuteAsync("CREATE DATABASE marketplacedb", Ct);
        }

        var worker = await WorkerRunner.RunAsync(connectionString, [], cancellationToken: Ct);
        Assert.True(worker.ExitCode == 0, worker.ToString());
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = connectionString,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["RequestLimits__WritesPerWindow"] = "1000000",
            ["Categories__CacheDuration"] = "00:00:01",
            ["Database__MaxPoolSize"] = "8",
        });
        await api.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var token = await SignUpOverHttpAsync(http);
        var listing = await (await SendAsync(http, Create(token))).ReadAsync<ListingResponse>(HttpStatusCode.Created);

        Func<HttpRequestMessage>[] operations =
        [
            () => new HttpRequestMessage(HttpMethod.Get, "/api/listings?q=lamp"),
            () => new HttpRequestMessage(HttpMethod.Get, "/api/listings?categorySlug=furniture&minPrice=1"),
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{listing.Id}"),
            () => new HttpRequestMessage(HttpMethod.Get, "/api/categories/furniture"),
            () => Create(token),
        ];
        var clock = Stopwatch.StartNew();
        var outcomes = new ConcurrentQueue<Outcome>();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stopLoad.IsCancellationRequested; i++)
            {
                var operation = i % operations.Length;
                outcomes.Enqueue(await MeasureAsync(http, operations[operation](), operation, clock));
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var stopping = clock.Elapsed;
        await postgres.StopAsync();
        await Task.Delay(Outage, Ct);
        await postgres.StartAsync();
        var back = clock.Elapsed;

        // Load goes on until every request has succeeded for a while and every kind has succeeded since the last
        // failure, or the bound passes.
        bool ServesAgain()
        {
            var seen = outcomes.ToList();
            var lastFailure = seen.Where(o => o.Status is < 200 or >= 300).Select(o => o.Finished).DefaultIfEmpty(back).Max();
            return clock.Elapsed - lastFailure > Healthy
                   && Enumerable.Range(0, operations.Length).All(op => seen.Any(o => o.Operation == op && o.Started > lastFailure && o.Status is >= 200 and < 300));
        }

        while (clock.Elapsed - back < RecoveryBound && !ServesAgain())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        var all = outcomes.ToList();
        var failures = all.Where(o => o.Status is < 200 or >= 300).ToList();
        var recovered = failures.Count == 0 ? back : failures.Max(o => o.Finished);
        output.WriteLine($"{all.Count} requests; PostgreSQL stopped at {stopping.TotalSeconds:0.0} s, back at {back.TotalSeconds:0.0} s; " +
                         $"{failures.Count(o => o.Status == 503)} answered 503; last failure at {recovered.TotalSeconds:0.0} s, " +
                         $"{(recovered - back).TotalSeconds:0.0} s after PostgreSQL was back; slowest request {all.Max(o => o.Took).TotalSeconds:0.00} s");
        foreach (var group in failures.GroupBy(o => (o.Status, o.Failure)))
        {
            output.WriteLine($"  {group.Count()} x {group.Key.Status} {group.Key.Failure}");
        }

        Assert.DoesNotContain(all, o => o.Finished < stopping && o.Status is < 200 or >= 300);
        Assert.DoesNotContain(failures, o => o.Status != 503 || !o.HasRetryAfter || o.MediaType != "application/problem+json");
        Assert.DoesNotContain(all, o => o.Took > RequestBound);
        Assert.Contains(failures, o => o.Status == 503);
        Assert.True(clock.Elapsed - back < RecoveryBound, $"The Api did not serve every request again within {RecoveryBound.TotalSeconds} s of PostgreSQL's return.");
        // Every kind of request succeeded after the outage, on the process that was there before it.
        Assert.All(Enumerable.Range(0, operations.Length), operation =>
            Assert.Contains(all, o => o.Operation == operation && o.Started > recovered && o.Status is >= 200 and < 300));
        Assert.False(api.HasExited, api.Output);
    }

    private static HttpRequestMessage Create(string token) => new(HttpMethod.Post, "/api/listings")
    {
        Headers = { Authorization = new("Bearer", token) },
        Content = JsonContent.Create(new { title = "Brass lamp", description = "Works.", price = "24.50", categorySlug = "furniture" }),
    };

    private static async Task<string> SignUpOverHttpAsync(HttpClient http)
    {
        var email = $"restart-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Restart" }, Ct)).Dispose();
        await http.FollowVerificationMailAsync(SmtpInbox.Shared, email);
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct);
        return (await login.ReadAsync<Marketplace.Contracts.Accounts.AccessTokenResponse>()).AccessToken;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request, Ct);
        }
    }

    private static async Task<Outcome> MeasureAsync(HttpClient http, HttpRequestMessage request, int operation, Stopwatch clock)
    {
        var started = clock.Elapsed;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(RequestBound * 2);
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, bound.Token))
            {
                var body = await response.Content.ReadAsStringAsync(bound.Token);
                var finished = clock.Elapsed;
                return new Outcome(operation, started, finished, (int)response.StatusCode, response.Headers.RetryAfter is not null,
                    response.Content.Headers.ContentType?.MediaType, (int)response.StatusCode >= 300 ? ProblemTitle().Match(body).Groups[1].Value : null);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !Ct.IsCancellationRequested)
        {
            return new Outcome(operation, started, clock.Elapsed, 0, false, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"title\":\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ProblemTitle();

    private sealed record Outcome(int Operation, TimeSpan Started, TimeSpan Finished, int Status, bool HasRetryAfter, string? MediaType, string? Failure)
    {
        public TimeSpan Took => Finished - Started;
    }
}
