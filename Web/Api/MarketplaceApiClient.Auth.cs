using System.Text.Json;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Web.Api;

// Accounts and sessions: /api/auth.
public sealed partial class MarketplaceApiClient
{
    /// <summary>Registers; the answer is the same whether or not an account had the address (check your mail).</summary>
    public Task<ApiAnswer<RegistrationAcceptedResponse>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        SendJsonAsync<RegistrationAcceptedResponse>(HttpMethod.Post, "/api/auth/register", request, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<AccessTokenResponse>> LoginAsync(LoginRequest request, CancellationToken cancellationToken) =>
        SendJsonAsync<AccessTokenResponse>(HttpMethod.Post, "/api/auth/login", request, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<AccessTokenResponse>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        SendJsonAsync<AccessTokenResponse>(HttpMethod.Post, "/api/auth/refresh", new RefreshRequest { RefreshToken = refreshToken }, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<EmailVerifiedResponse>> VerifyEmailAsync(string token, CancellationToken cancellationToken) =>
        SendJsonAsync<EmailVerifiedResponse>(HttpMethod.Post, "/api/auth/verify-email", new VerifyEmailRequest { Token = token }, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ResendVerificationAsync(CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/resend-verification", body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ForgotPasswordAsync(string email, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/forgot-password", new ForgotPasswordRequest { Email = email }, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/reset-password",
            new ResetPasswordRequest { Token = token, NewPassword = newPassword }, ApiCaller.Anonymous, cancellationToken);

    /// <summary>Follows the link mailed to an account's previous address: that address back, a new password, every session ended.</summary>
    public Task<ApiAnswer<ApiNoContent>> RevertEmailChangeAsync(string token, string newPassword, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/revert-email-change",
            new RevertEmailChangeRequest { Token = token, NewPassword = newPassword }, ApiCaller.Anonymous, cancellationToken);

    public Task<ApiAnswer<AccountResponse>> GetAccountAsync(CancellationToken cancellationToken) =>
        GetAsync<AccountResponse>("/api/me", ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<AccountResponse>> ChangeDisplayNameAsync(string displayName, CancellationToken cancellationToken) =>
        SendJsonAsync<AccountResponse>(HttpMethod.Patch, "/api/me", new UpdateAccountRequest { DisplayName = displayName }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>A new password; the answer is the session's new pair (every other session of the account ends).</summary>
    public Task<ApiAnswer<AccessTokenResponse>> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        SendJsonAsync<AccessTokenResponse>(HttpMethod.Post, "/api/auth/change-password",
            new ChangePasswordRequest { CurrentPassword = currentPassword, NewPassword = newPassword }, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> ChangeEmailAsync(string newEmail, string currentPassword, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/change-email",
            new ChangeEmailRequest { NewEmail = newEmail, CurrentPassword = currentPassword }, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Ends this session in the Api: its access and refresh tokens are refused from now on, wherever a copy is.</summary>
    public Task<ApiAnswer<ApiNoContent>> SignOutAsync(CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/sign-out", body: null, ApiCaller.SignedIn, cancellationToken);

    public Task<ApiAnswer<ApiNoContent>> SignOutEverywhereAsync(CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/auth/sign-out-everywhere", body: null, ApiCaller.SignedIn, cancellationToken);

    /// <summary>Everything the marketplace holds about the account, as the Api's JSON document (kept as it came).</summary>
    public Task<ApiAnswer<JsonElement>> ExportMyDataAsync(CancellationToken cancellationToken) =>
        GetAsync<JsonElement>("/api/me/export", ApiCaller.SignedIn, cancellationToken);

    /// <summary>Deletes the account, its password asked again; every session of it ends.</summary>
    public Task<ApiAnswer<ApiNoContent>> DeleteMyAccountAsync(string currentPassword, CancellationToken cancellationToken) =>
        SendJsonAsync<ApiNoContent>(HttpMethod.Post, "/api/me/delete", new DeleteAccountRequest { CurrentPassword = currentPassword }, ApiCaller.SignedIn, cancellationToken);
}
