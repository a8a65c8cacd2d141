using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Marketplace.Api.Auth;
using Marketplace.Api.Replicas;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>Settings under <c>RequestLimits</c>.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>The largest request body accepted; listings and accounts are small, so 64 KB is generous.</summary>
    [Range(1024, 10 * 1024 * 1024, ErrorMessage = "RequestLimits:MaxBodyBytes must be between {1} and {2}.")]
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests to the anonymous endpoints one address may make per window, and writes one account may make.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RequestLimits:WritesPerWindow must be between {1} and {2}.")]
    public int WritesPerWindow { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:WriteWindow must be between {1} and {2}.")]
    public TimeSpan WriteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Mails to one address per window (resend per email, change-email per account): no mail-bombing.</summary>
    [Range(1, 1000, ErrorMessage = "RequestLimits:MailsPerWindow must be between {1} and {2}.")]
    public int MailsPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:MailWindow must be between {1} and {2}.")]
    public TimeSpan MailWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Messages one buyer may send to sellers per window: each is a mail the platform sends in its own name.</summary>
    [Range(1, 10_000, ErrorMessage = "RequestLimits:ContactsPerWindow must be between {1} and {2}.")]
    public int ContactsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:ContactWindow must be between {1} and {2}.")]
    public TimeSpan ContactWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sign-in attempts on one account before each further one must wait (1 s, then twice as long each time).</summary>
    [Range(1, 100, ErrorMessage = "RequestLimits:SignInFailuresBeforeDelay must be between {1} and {2}.")]
    public int SignInFailuresBeforeDelay { get; set; } = 5;

    /// <summary>The longest wait between two sign-in attempts on one account.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:SignInMaxDelay must be between {1} and {2}.")]
    public TimeSpan SignInMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after its last attempt an account's count of failed sign-ins is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "RequestLimits:SignInFailureWindow must be between {1} and {2}.")]
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages one account may write in its conversations per window: each mails the other side.</summary>
    [Range(1, 10_000, ErrorMessage = "RequestLimits:MessagesPerWindow must be between {1} and {2}.")]
    public int MessagesPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:MessageWindow must be between {1} and {2}.")]
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The request body size limit and the rate limits, each a budget of the replicas together (counted in Redis, see
/// <see cref="SharedFixedWindowLimiter"/>): anonymous endpoints by the caller's network only, whatever token comes
/// with them; writes, mails, contacts and messages by account.
/// </summary>
public static partial class RequestLimits
{
    /// <summary>
    /// The endpoints anyone may call (register, login, refresh, verify, forgot and reset password, resend): counted by
    /// the client's network (<see cref="ClientNetwork"/>) only, so a token of any account buys no extra attempts.
    /// </summary>
    public const string AnonymousPolicy = "anonymous";

    /// <summary>The rate-limiting policy every signed-in write requires: per account (per network for an anonymous caller).</summary>
    public const string WritePolicy = "writes";

    /// <summary>The tighter policy of endpoints that send the caller a mail: per account.</summary>
    public const string MailPolicy = "mails";

    /// <summary>The policy of a buyer's first messages to sellers (starting or continuing a conversation from a listing), per account.</summary>
    public const string ContactPolicy = "contacts";

    /// <summary>The policy of messages written in a conversation, per account.</summary>
    public const string MessagePolicy = "messages";

    private const string CallerItem = "Marketplace.RateLimitCaller";

    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SharedLimits>();

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AnonymousPolicy, httpContext =>
                Shared(httpContext, AnonymousPolicy, NetworkOf(httpContext), limits => (limits.WritesPerWindow, limits.WriteWindow)));
            options.AddPolicy(WritePolicy, httpContext =>
                Shared(httpContext, WritePolicy, CallerOf(httpContext), limits => (limits.WritesPerWindow, limits.WriteWindow)));
            options.AddPolicy(MailPolicy, httpContext =>
                Shared(httpContext, MailPolicy, CallerOf(httpContext), limits => (limits.MailsPerWindow, limits.MailWindow)));
            options.AddPolicy(ContactPolicy, httpContext =>
                Shared(httpContext, ContactPolicy, CallerOf(httpContext), limits => (limits.ContactsPerWindow, limits.ContactWindow)));
            options.AddPolicy(MessagePolicy, httpContext =>
                Shared(httpContext, MessagePolicy, CallerOf(httpContext), limits => (limits.MessagesPerWindow, limits.MessageWindow)));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>
    /// The whole number of seconds a refused caller should wait, from either kind of lease: the runtime's limiters
    /// (a <see cref="TimeSpan"/>) or RedisRateLimiting's (whole seconds, rounded down); at least 1. Null when unknown.
    /// </summary>
    public static int? RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        }

        return lease.TryGetMetadata(RedisRateLimiting.RateLimitMetadataName.RetryAfter, out var seconds) ? Math.Max(1, seconds) : null;
    }

    /// <summary>A 429 problem with <c>Retry-After</c>, for a budget a handler checked itself.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext httpContext, int seconds, string detail)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many requests.",
            detail: detail,
            statusCode: StatusCodes.Status429TooManyRequests,
            type: TooManyRequestsType);
    }

    // ASP.NET Core has no default type for 429, and RFC 9457 clients expect one.
    private const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    // Each policy counts in partitions of its own: mails do not spend the write budget, nor writes the mail budget.
    private static RateLimitPartition<string> Shared(
        HttpContext httpContext, string policy, string caller, Func<RequestLimitsOptions, (int Permits, TimeSpan Window)> budget)
    {
        httpContext.Items[CallerItem] = caller;
        var services = httpContext.RequestServices;
        var (permits, window) = budget(services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value);
        var share = services.GetRequiredService<IOptions<ReplicaOptions>>().Value.ShareOf(permits);
        var state = services.GetRequiredService<SharedState>();
        return RateLimitPartition.Get(SharedLimits.KeyOf(policy, caller), key => new SharedFixedWindowLimiter(key, permits, window, share, state));
    }

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (httpContext, next) =>
    {
        // An endpoint may state its own limit (the image upload); every other body gets RequestLimits:MaxBodyBytes.
        var maxBodyBytes = httpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? httpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;
        if (httpContext.Request.ContentLength > maxBodyBytes && httpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            // Refused before a byte is read; Kestrel's own limit below covers bodies sent without a length (chunked).
            // Only where a body is read: an endpoint that takes none ignores (and never reads) whatever came.
            httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = RequestBodyTooLarge(maxBodyBytes),
            });
            return;
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBodyBytes;
        }

        await next(httpContext);
    });

    private static ProblemDetails RequestBodyTooLarge(long maxBodyBytes) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large.",
        Detail = $"The request body may be at most {maxBodyBytes} bytes.",
    };

    // Signed-in callers are limited per account, so one user cannot spend another's budget; anonymous ones per network.
    private static string CallerOf(HttpContext httpContext) =>
        httpContext.User.FindFirstValue(AccessTokens.SubjectClaim) is { } userId ? "user:" + userId : NetworkOf(httpContext);

    private static string NetworkOf(HttpContext httpContext) => "address:" + ClientNetwork.Of(httpContext.Connection.RemoteIpAddress);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var httpContext = context.HttpContext;
        var seconds = RetryAfterSeconds(context.Lease);
        if (seconds is not null)
        {
            httpContext.Response.Headers.RetryAfter = seconds.Value.ToString(CultureInfo.InvariantCulture);
        }

        LogRateLimited(httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits)),
            httpContext.Items[CallerItem] as string ?? "unknown", httpContext.Request.Path);
        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = TooManyRequestsType,
                Title = "Too many requests.",
                Detail = seconds is null ? "Too many requests; slow down." : $"Too many requests; try again in {seconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached for {Partition} on {Path}")]
    private static partial void LogRateLimited(ILogger logger, string partition, string path);
}
