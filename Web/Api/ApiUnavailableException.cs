namespace Marketplace.Web.Api;

/// <summary>
/// The Api answered 503 or could not be reached: the marketplace is briefly unavailable. The exception handler turns it
/// into the "briefly unavailable" page with status 503 and <c>Retry-After</c>.
/// </summary>
public sealed class ApiUnavailableException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
