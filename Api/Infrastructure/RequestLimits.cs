using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Marketplace.Api.Auth;
using Microsoft.AspNetCore.Http.Features;
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

    /// <summary>Writes (creating, changing or archiving a listing, registering, logging in) one caller may make per window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RequestLimits:WritesPerWindow must be between {1} and {2}.")]
    public int WritesPerWindow { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:WriteWindow must be between {1} and {2}.")]
    public TimeSpan WriteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests that mail the caller (a new verification link) one caller may make per window: no mail-bombing.</summary>
    [Range(1, 1000, ErrorMessage = "RequestLimits:MailsPerWindow must be between {1} and {2}.")]
    public int MailsPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:MailWindow must be between {1} and {2}.")]
    public TimeSpan MailWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Messages one buyer may send to sellers per window: each is a mail the platform sends in its own name.</summary>
    [Range(1, 10_000, ErrorMessage = "RequestLimits:ContactsPerWindow must be between {1} and {2}.")]
    public int ContactsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:ContactWindow must be between {1} and {2}.")]
    public TimeSpan ContactWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages one account may write in its conversations per window: each mails the other side.</summary>
    [Range(1, 10_000, ErrorMessage = "RequestLimits:MessagesPerWindow must be between {1} and {2}.")]
    public int MessagesPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RequestLimits:MessageWindow must be between {1} and {2}.")]
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The request body size limit and the per-caller rate limit on writes.</summary>
public static partial class RequestLimits
{
    /// <summary>The rate-limiting policy every write endpoint requires.</summary>
    public const string WritePolicy = "writes";

    /// <summary>The tighter policy of endpoints that send the caller a mail; per account like writes, per instance.</summary>
    public const string MailPolicy = "mails";

    /// <summary>The policy of a buyer's first messages to sellers (starting or continuing a conversation from a listing), per account and per instance.</summary>
    public const string ContactPolicy = "contacts";

    /// <summary>The policy of messages written in a conversation, per account and per instance.</summary>
    public const string MessagePolicy = "messages";

    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(WritePolicy, httpContext => FixedWindow(httpContext, limits => (limits.WritesPerWindow, limits.WriteWindow)));
            options.AddPolicy(MailPolicy, httpContext => FixedWindow(httpContext, limits => (limits.MailsPerWindow, limits.MailWindow)));
            options.AddPolicy(ContactPolicy, httpContext => FixedWindow(httpContext, limits => (limits.ContactsPerWindow, limits.ContactWindow)));
            options.AddPolicy(MessagePolicy, httpContext => FixedWindow(httpContext, limits => (limits.MessagesPerWindow, limits.MessageWindow)));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    // Each policy counts in partitions of its own: mails do not spend the write budget, nor writes the mail budget.
    private static RateLimitPartition<string> FixedWindow(HttpContext httpContext, Func<RequestLimitsOptions, (int Permits, TimeSpan Window)> budget)
    {
        var (permits, window) = budget(httpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
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

    // Signed-in callers are limited per account, so one user cannot spend another's budget; anonymous writes
    // (registering, logging in) per client address.
    private static string PartitionKey(HttpContext httpContext) =>
        httpContext.User.FindFirstValue(AccessTokens.SubjectClaim) is { } userId
            ? "user:" + userId
            : "address:" + httpContext.Connection.RemoteIpAddress;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var httpContext = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
        var seconds = retryAfter is { } value ? Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)) : (int?)null;
        if (seconds is not null)
        {
            httpContext.Response.Headers.RetryAfter = seconds.Value.ToString(CultureInfo.InvariantCulture);
        }

        LogRateLimited(httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits)),
            PartitionKey(httpContext), httpContext.Request.Path);
        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                // ASP.NET Core has no default type for 429, and RFC 9457 clients expect one.
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Title = "Too many requests.",
                Detail = seconds is null ? "Too many requests; slow down." : $"Too many requests; try again in {seconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached for {Partition} on {Path}")]
    private static partial void LogRateLimited(ILogger logger, string partition, string path);
}
