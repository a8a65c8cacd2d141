using Microsoft.Extensions.Options;

namespace Marketplace.Web.Forwarding;

/// <summary>
/// Tells the Api who the visitor is: the address this request came from in <c>X-Forwarded-For</c>, vouched for by
/// <c>X-Marketplace-Forwarding-Key</c>. Any <c>X-Forwarded-For</c> the visitor sent is replaced, never passed on.
/// </summary>
public sealed class VisitorForwardingHandler(IHttpContextAccessor httpContextAccessor, IOptions<VisitorForwardingOptions> options)
    : DelegatingHandler
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    public const string KeyHeader = "X-Marketplace-Forwarding-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(ForwardedForHeader);
        request.Headers.Remove(KeyHeader);
        var key = options.Value.Key;
        var visitor = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress;
        if (!string.IsNullOrEmpty(key) && visitor is not null)
        {
            request.Headers.TryAddWithoutValidation(ForwardedForHeader, (visitor.IsIPv4MappedToIPv6 ? visitor.MapToIPv4() : visitor).ToString());
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
