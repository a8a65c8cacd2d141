using System.Net;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The browser tests all come from one address, whose anonymous writes (registering, signing in) the Api limits per
/// window, as for any visitor. Setting up a test waits out that limit as a person would, rather than failing on it.
/// </summary>
public static class AnonymousBudget
{
    /// <summary>The longest wait a setup call accepts before it gives up: a little over the Api's one-minute window.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(70);

    private const int Attempts = 4;

    /// <summary>Sends, and after a 429 waits its Retry-After and sends again (a few times at most).</summary>
    public static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == Attempts)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30);
            response.Dispose();
            await Task.Delay(wait < LongestWait ? wait + TimeSpan.FromSeconds(1) : LongestWait, cancellationToken);
        }
    }
}
