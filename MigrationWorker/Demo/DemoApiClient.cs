using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;
using Microsoft.Extensions.Logging;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// The Api's own operations, called as a seller's client calls them: sign in, create a listing, upload its photos
/// (multipart, as a browser sends them), mark it sold. A 429 or 503 is waited out as its Retry-After says, a few
/// times; any other refusal stops the run with the Api's own words (exit code 9).
/// </summary>
public sealed partial class DemoApiClient(HttpClient http, ILogger logger)
{
    private const int MaxAttempts = 6;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(65);

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<string> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var answer = await SendAsync("sign in as " + email, () => new HttpRequestMessage(HttpMethod.Post, "api/auth/login")
        {
            Content = JsonContent.Create(new LoginRequest { Email = email, Password = password }, DemoJson.Default.LoginRequest),
        }, cancellationToken);
        if (answer.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new WorkerFailedException(ExitCodes.ApiFailed,
                $"The Api at {BaseAddress} did not accept the demo seller {email}, whose account this run found or made in the database: " +
                "the Api serves another database than the one in ConnectionStrings:marketplacedb. Point both at the same database.");
        }

        return (await ReadAsync(answer, DemoJson.Default.AccessTokenResponse, "sign in as " + email, cancellationToken)).AccessToken;
    }

    public async Task<long> CreateListingAsync(string accessToken, ListingRequest listing, CancellationToken cancellationToken)
    {
        var answer = await SendAsync($"create the listing '{listing.Title}'", () => Authorized(accessToken, new HttpRequestMessage(HttpMethod.Post, "api/listings")
        {
            Content = JsonContent.Create(listing, DemoJson.Default.ListingRequest),
        }), cancellationToken);
        return (await ReadAsync(answer, DemoJson.Default.ListingResponse, $"create the listing '{listing.Title}'", cancellationToken)).Id;
    }

    public async Task<int> UploadPhotosAsync(string accessToken, long listingId, IReadOnlyList<byte[]> photos, CancellationToken cancellationToken)
    {
        var answer = await SendAsync($"upload the photos of listing {listingId}", () =>
        {
            var form = new MultipartFormDataContent();
            for (var i = 0; i < photos.Count; i++)
            {
                var file = new ByteArrayContent(photos[i]);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(file, ListingImageRules.FilesField, $"photo-{i + 1}.png");
            }

            return Authorized(accessToken, new HttpRequestMessage(HttpMethod.Post, $"api/listings/{listingId}/images") { Content = form });
        }, cancellationToken);
        return (await ReadAsync(answer, DemoJson.Default.ListingImageList, $"upload the photos of listing {listingId}", cancellationToken)).Images.Count;
    }

    /// <summary>Replaces the listing with itself marked sold, as the seller's Mark as sold does.</summary>
    public async Task MarkSoldAsync(string accessToken, long listingId, ListingRequest listing, CancellationToken cancellationToken)
    {
        var answer = await SendAsync($"mark listing {listingId} sold", () => Authorized(accessToken, new HttpRequestMessage(HttpMethod.Put, $"api/listings/{listingId}")
        {
            Content = JsonContent.Create(listing with { Status = ListingStatus.Sold }, DemoJson.Default.ListingRequest),
        }), cancellationToken);
        await ReadAsync(answer, DemoJson.Default.ListingResponse, $"mark listing {listingId} sold", cancellationToken);
    }

    private static HttpRequestMessage Authorized(string accessToken, HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    /// <summary>Sends a fresh request until it is not told to wait; the last answer is the caller's.</summary>
    private async Task<HttpResponseMessage> SendAsync(string what, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage answer;
            using (var message = request())
            {
                try
                {
                    answer = await http.SendAsync(message, cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    throw Unreachable(what, ex.Message, ex);
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Unreachable(what, $"no answer within {http.Timeout.TotalSeconds:0} seconds.", ex);
                }
            }

            if (answer.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt == MaxAttempts)
            {
                return answer;
            }

            // The Api's own limits (30 writes a minute per account) and its 503 while the database catches up say how long to wait.
            var wait = answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt * 2);
            wait = wait > LongestWait ? LongestWait : wait;
            LogWaiting(logger, (int)answer.StatusCode, what, wait.TotalSeconds);
            answer.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        using (answer)
        {
            if (answer.IsSuccessStatusCode)
            {
                return await answer.Content.ReadFromJsonAsync(type, cancellationToken)
                       ?? throw Refused(what, answer.StatusCode, "an empty answer");
            }

            throw Refused(what, answer.StatusCode, await ProblemAsync(answer, cancellationToken));
        }
    }

    /// <summary>The problem details' title, detail and field errors in one line; or the status line when the body is not one.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "title", "detail" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    parts.Add(value.GetString()!.TrimEnd('.'));
                }
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(field => $"{field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString()))}"));
            }

            return parts.Count > 0 ? string.Join("; ", parts) : answer.ReasonPhrase ?? "no details";
        }
        catch (JsonException)
        {
            return answer.ReasonPhrase ?? "no details";
        }
    }

    private WorkerFailedException Unreachable(string what, string reason, Exception inner) => new(ExitCodes.ApiFailed,
        $"Could not reach the Api at {BaseAddress} to {what}: {reason} Start the Api (the AppHost's api resource) and run seed-demo again; " +
        "what was loaded so far stays, and is not loaded twice.", inner);

    private WorkerFailedException Refused(string what, HttpStatusCode status, string problem) => new(ExitCodes.ApiFailed,
        $"The Api at {BaseAddress} answered {(int)status} when asked to {what} ({problem}). What was loaded before stays; " +
        "run seed-demo again once the Api accepts requests, and it goes on from there.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api answered {Status} to the request to {What}; waiting {Seconds:0} s as its Retry-After asks")]
    private static partial void LogWaiting(ILogger logger, int status, string what, double seconds);
}
