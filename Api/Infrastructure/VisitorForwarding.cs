using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// The trusted channel from the Web app: the Web calls the Api on a visitor's behalf, so without it every anonymous
/// visitor would spend one budget, the Web's. A request that carries <see cref="KeyHeader"/> equal to
/// <c>VisitorForwarding:Key</c> is served as coming from the first address of its <c>X-Forwarded-For</c>; any other
/// request's <c>X-Forwarded-For</c> is ignored here, so a client cannot choose the address it is limited by.
/// </summary>
public static partial class VisitorForwarding
{
    public const string KeyHeader = "X-Marketplace-Forwarding-Key";
    public const string ForwardedForHeader = "X-Forwarded-For";

    public static IHostApplicationBuilder AddVisitorForwarding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VisitorForwardingOptions>()
            .BindConfiguration(VisitorForwardingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Runs before the rate limiter, which partitions anonymous callers by <c>Connection.RemoteIpAddress</c>.</summary>
    public static IApplicationBuilder UseVisitorForwarding(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<VisitorForwardingOptions>>().Value;
        if (string.IsNullOrEmpty(options.Key))
        {
            return app;
        }

        // Compared as hashes, so that the comparison takes the same time whatever the length of what was sent.
        var keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Key));
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VisitorForwarding));
        return app.Use((httpContext, next) =>
        {
            var headers = httpContext.Request.Headers;
            if (headers.TryGetValue(KeyHeader, out var sent))
            {
                // Nothing further down (handlers, logs) sees the secret.
                headers.Remove(KeyHeader);
                if (!IsKey(sent.ToString(), keyHash))
                {
                    LogWrongKey(logger, httpContext.Connection.RemoteIpAddress);
                }
                else if (headers.TryGetValue(ForwardedForHeader, out var forwardedFor))
                {
                    if (FirstAddress(forwardedFor.ToString()) is { } visitor)
                    {
                        httpContext.Connection.RemoteIpAddress = visitor;
                    }
                    else
                    {
                        LogUnreadableAddress(logger);
                    }
                }
            }

            return next(httpContext);
        });
    }

    private static bool IsKey(string sent, byte[] keyHash) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), keyHash);

    /// <summary>
    /// The first address of an <c>X-Forwarded-For</c> value (the visitor's; proxies append theirs after it), or null
    /// when it is not exactly an address: an IPv4 address in its four-decimal form, or an IPv6 address without a zone
    /// or port. Lenient forms that <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> takes ("1", "0x7f.1",
    /// "010.0.0.1") are refused. An IPv4 address mapped into IPv6 counts as the IPv4 address.
    /// </summary>
    public static IPAddress? FirstAddress(string forwardedFor)
    {
        var comma = forwardedFor.IndexOf(',', StringComparison.Ordinal);
        var first = (comma < 0 ? forwardedFor : forwardedFor[..comma]).Trim();
        if (first.Length is 0 or > 45 || !IPAddress.TryParse(first, out var address))
        {
            return null;
        }

        var strict = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => address.ToString() == first,
            AddressFamily.InterNetworkV6 => address.ScopeId == 0 && first.Contains(':', StringComparison.Ordinal)
                && !first.Contains('%', StringComparison.Ordinal) && !first.Contains('[', StringComparison.Ordinal),
            _ => false,
        };
        if (!strict)
        {
            return null;
        }

        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A request from {Address} carried a wrong visitor forwarding key; its X-Forwarded-For is ignored. Is the Web app's VisitorForwarding:Key the Api's?")]
    private static partial void LogWrongKey(ILogger logger, IPAddress? address);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The Web app forwarded a visitor address that is not one; the request counts against the Web's own address.")]
    private static partial void LogUnreadableAddress(ILogger logger);
}
