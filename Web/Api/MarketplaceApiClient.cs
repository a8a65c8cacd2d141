using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Marketplace.Web.Api;

/// <summary>
/// The Web's one way to the Api (a typed HttpClient on <c>https+http://api</c>). A 4xx comes back as an
/// <see cref="ApiProblem"/> for the page to show; a 401 to a call made as the visitor throws
/// <see cref="ApiSignInRequiredException"/>; a 503, a 5xx
/// or no answer at all throws <see cref="ApiUnavailableException"/>. Calls marked signed-in carry the visitor's access
/// token from their session cookie.
/// </summary>
public sealed partial class MarketplaceApiClient(
    HttpClient http, IHttpContextAccessor httpContextAccessor, TimeProvider timeProvider, IMemoryCache cache, ILogger<MarketplaceApiClient> logger)
{
    /// <summary>The name of the standard resilience handler's options for this client (client name + "-standard").</summary>
    public const string ResiliencePipelineName = nameof(MarketplaceApiClient) + "-standard";

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>
    /// Retries only what is safe and quick: reads, twice, a moment apart. A write is never sent twice (a listing would be
    /// created twice), and a 503's Retry-After (tens of seconds) is for the visitor to wait, not for a page request.
    /// </summary>
    public static void TuneResilience(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.DisableForUnsafeHttpMethods();
        options.Retry.ShouldRetryAfterHeader = false;
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        var transient = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = arguments =>
            arguments.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                ? PredicateResult.False()
                : transient(arguments);
    }

    /// <summary>Sends <paramref name="request"/> as <paramref name="caller"/> says (with the visitor's access token or not).</summary>
    public async Task<ApiAnswer<T>> SendAsync<T>(HttpRequestMessage request, ApiCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var sent = request;
        if (caller != ApiCaller.Anonymous)
        {
            var token = await AccessTokenAsync();
            if (token is null && caller == ApiCaller.SignedIn)
            {
                throw new ApiSignInRequiredException("Please sign in to continue.");
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, request.Method.Method, request.RequestUri, e);
            throw new ApiUnavailableException("The marketplace's Api could not be reached.", innerException: e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (typeof(T) == typeof(ApiNoContent))
                {
                    return new ApiAnswer<T>((T)(object)ApiNoContent.Value);
                }

                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiAnswer<T>(value ?? throw new ApiUnavailableException($"The Api answered {request.Method} {request.RequestUri} with an empty body."));
            }

            var problem = await ReadProblemAsync(response, timeProvider.GetUtcNow(), cancellationToken);
            // Made as the visitor, a 401 means their session is over; made anonymously (login), it is the answer itself.
            if (problem.Status == StatusCodes.Status401Unauthorized && caller != ApiCaller.Anonymous)
            {
                throw new ApiSignInRequiredException(problem.Message);
            }

            if (problem.Status >= StatusCodes.Status500InternalServerError)
            {
                LogUnavailable(logger, request.Method.Method, request.RequestUri, problem.Status);
                throw new ApiUnavailableException(problem.Message, problem.RetryAfter);
            }

            return new ApiAnswer<T>(problem);
        }
    }

    public Task<ApiAnswer<T>> GetAsync<T>(string uri, ApiCaller caller, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, uri), caller, cancellationToken);

    public Task<ApiAnswer<T>> SendJsonAsync<T>(HttpMethod method, string uri, object? body, ApiCaller caller, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) }, caller, cancellationToken);

    /// <summary>Streams an Api answer as it is (a photo), asked as the visitor: the caller copies it out and disposes it.</summary>
    public async Task<HttpResponseMessage> ForwardAsync(string uri, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (await AccessTokenAsync() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, "GET", new Uri(uri, UriKind.RelativeOrAbsolute), e);
            throw new ApiUnavailableException("The marketplace's Api could not be reached.", innerException: e);
        }
    }

    private async Task<string?> AccessTokenAsync() => httpContextAccessor.HttpContext is { } context
        ? await context.GetTokenAsync(ApiSession.AccessTokenName)
        : null;

    internal static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? title = null, detail = null, type = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                var root = document.RootElement;
                title = StringOf(root, "title");
                detail = StringOf(root, "detail");
                type = StringOf(root, "type");
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(m => m.GetString() ?? "").Where(m => m.Length > 0).ToArray()
                            : [];
                    }
                }
            }
            catch (JsonException)
            {
                // A body that is not a problem: the status alone says enough.
            }
        }

        return new ApiProblem(status, title, detail, errors, RetryAfterOf(response, now), type);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api could not be reached for {Method} {Uri}")]
    private static partial void LogUnreachable(ILogger logger, string method, Uri? uri, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api answered {Method} {Uri} with {Status}")]
    private static partial void LogUnavailable(ILogger logger, string method, Uri? uri, int status);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
