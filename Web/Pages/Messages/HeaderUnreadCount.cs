using Marketplace.Web.Api;

namespace Marketplace.Web.Pages.Messages;

/// <summary>
/// The unread total the header shows a signed-in visitor on every page: one small question to the Api, given two
/// seconds at most. It never fails the page: without an answer (the Api busy or down, the session over, an error
/// page being shown) the header shows no count.
/// </summary>
public static class HeaderUnreadCount
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static async Task<int?> ReadAsync(MarketplaceApiClient api, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return null;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        patience.CancelAfter(Patience);
        try
        {
            var answer = await api.GetUnreadCountAsync(patience.Token);
            return answer.Succeeded ? answer.Value.Unread : null;
        }
        catch (Exception e) when (e is ApiUnavailableException or ApiSignInRequiredException or OperationCanceledException)
        {
            return null;
        }
    }
}
