namespace Marketplace.Web.Auth;

/// <summary>One refresh per refresh token at a time in this process (see ApiSessionCookieEvents).</summary>
public sealed class TokenRefreshGate
{
}
