using Marketplace.Web.Api;

namespace Marketplace.Web.Errors;

/// <summary>Where failures go: an exception to <see cref="ErrorPath"/>, an empty 4xx or 5xx to <see cref="StatusPath"/>.</summary>
public static class ErrorPages
{
    public const string ErrorPath = "/error";

    public const string StatusPath = "/status";

    /// <summary>How long a visitor is asked to wait when the Api did not say.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The Api being down or not ready is a 503 of ours too; anything else is our own bug, a 500.</summary>
    public static int StatusCodeOf(Exception exception) => exception is ApiUnavailableException
        ? StatusCodes.Status503ServiceUnavailable
        : StatusCodes.Status500InternalServerError;
}
