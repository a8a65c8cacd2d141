using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// Forgot password, reset password, and the minimal page the mailed link opens (a GET that changes nothing; its form
/// posts the token, and works without JavaScript).
/// </summary>
public static class PasswordResetApi
{
    private const string InvalidLink = "This link is invalid, used or expired; ask for a new one.";

    public static IEndpointRouteBuilder MapPasswordResetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth")
            .WithTags("Accounts")
            .RequireRateLimiting(RequestLimits.AnonymousPolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/forgot-password", ForgotPasswordAsync)
            .WithName("ForgotPassword")
            .WithSummary("Mail a password reset link")
            .WithDescription(
                "Answers 202 whether or not an account has this email, doing the same work either way (a mail queued in the outbox, " +
                "which looks the account up when it sends); an account gets a mail with a single-use link to /reset-password. " +
                "Limited per caller's address and per email (429).");

        api.MapPost("/reset-password", ResetPasswordAsync)
            .WithName("ResetPassword")
            .WithSummary("Set a new password with a mailed token")
            .WithDescription(
                "Sets the password with the token from a reset link, once. Every other reset link stops working, and so does every link " +
                "to confirm a new address not followed yet; every session ends (access tokens issued before are refused, refresh tokens " +
                "revoked). An unknown, used or expired token: one 400 naming token; a password among the 100,000 most common: 400 naming newPassword.");

        // The page the mailed link opens, until the web front end has one. Not part of the JSON Api's document.
        var page = app.MapGroup(AccountMails.ResetPasswordPath).ExcludeFromDescription();
        page.MapGet("", ResetPasswordPage);
        page.MapPost("", ResetPasswordFormAsync).RequireRateLimiting(RequestLimits.AnonymousPolicy);
        return app;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ForgotPasswordAsync(
        ForgotPasswordRequest request,
        HttpContext httpContext,
        ForgotPasswordLimiter limiter,
        MarketplaceDbContext db,
        MailOutbox outbox,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = User.NormalizeEmail(request.Email);
        using var lease = await limiter.AcquireAsync(normalizedEmail, cancellationToken);
        if (!lease.IsAcquired)
        {
            return TooManyForThisEmail(httpContext, lease);
        }

        // The same work for every address: one outbox row committed, whether or not an account has it. The sender looks
        // the account up, so neither this answer nor its time says whether the account exists (bench/README.md).
        outbox.AddPasswordReset(db, request.Email);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ResetPasswordAsync(
        ResetPasswordRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        Sessions sessions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken) =>
        await ResetAsync(request.Token, request.NewPassword, db, passwords, sessions, timeProvider, cancellationToken)
            ? TypedResults.NoContent()
            : ApiErrors.Field("token", InvalidLink);

    /// <summary>Spends the token once and sets the password; false when the token is unknown, used or expired.</summary>
    private static async Task<bool> ResetAsync(
        string token,
        string newPassword,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        Sessions sessions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (MailedTokens.HashOf(token) is not { } hash)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        // One conditional UPDATE: of two uses of one token, one wins.
        var claimed = await db.PasswordResetTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var userId = await db.PasswordResetTokens.Where(t => t.TokenHash == hash).Select(t => t.UserId).SingleAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.PasswordHash = passwords.Hash(user, newPassword);
        // Every session ends, and with them the account's other reset links and any link to confirm a new address.
        await sessions.EndEverySessionAsync(db, user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>GET /reset-password?token=...: a form, nothing more (mail scanners follow links).</summary>
    public static ContentHttpResult ResetPasswordPage(HttpContext httpContext, string? token) =>
        Page(httpContext, StatusCodes.Status200OK, "Choose a new password", $"""
            <form method="post" action="reset-password">
            <input type="hidden" name="token" value="{Encode(token ?? "")}">
            <p><label>New password ({AccountRules.PasswordMinLength} to {AccountRules.PasswordMaxLength} characters)<br>
            <input type="password" name="newPassword" autocomplete="new-password" required minlength="{AccountRules.PasswordMinLength}" maxlength="{AccountRules.PasswordMaxLength}"></label></p>
            <p><button type="submit">Set the new password</button></p>
            </form>
            """);

    /// <summary>POST /reset-password, form-urlencoded from the page: the same reset, answered as a small page.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ResetPasswordFormAsync(
        HttpContext httpContext,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        Sessions sessions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!httpContext.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                title: "Unsupported media type.",
                detail: "Post the form as application/x-www-form-urlencoded.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await httpContext.Request.ReadFormAsync(cancellationToken);
        var token = form["token"].ToString();
        var newPassword = form["newPassword"].ToString();
        if (newPassword.Length is < AccountRules.PasswordMinLength or > AccountRules.PasswordMaxLength || CommonPasswords.Contains(newPassword))
        {
            return Page(httpContext, StatusCodes.Status400BadRequest, "Choose a new password",
                $"<p>The new password must have {AccountRules.PasswordMinLength} to {AccountRules.PasswordMaxLength} characters and not be a common one. " +
                $"<a href=\"reset-password?token={Uri.EscapeDataString(token)}\">Try again</a>.</p>");
        }

        return await ResetAsync(token, newPassword, db, passwords, sessions, timeProvider, cancellationToken)
            ? Page(httpContext, StatusCodes.Status200OK, "Password changed", "<p>Your password is changed. Log in with the new one; every other session has ended.</p>")
            : Page(httpContext, StatusCodes.Status400BadRequest, "Link not valid", $"<p>{Encode(InvalidLink)}</p>");
    }

    private static ContentHttpResult Page(HttpContext httpContext, int status, string title, string body)
    {
        var headers = httpContext.Response.Headers;
        // The token is in the address: no caching, no referrer, no framing, no scripts.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
        return TypedResults.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>{Encode(title)}</title></head>
            <body><h1>{Encode(title)}</h1>
            {body}
            </body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static ProblemHttpResult TooManyForThisEmail(HttpContext httpContext, RateLimitLease lease)
    {
        var seconds = RequestLimits.RetryAfterSeconds(lease) ?? 60;
        return RequestLimits.TooManyRequests(httpContext, seconds, $"Too many password resets asked for this email; try again in {seconds} seconds.");
    }

}

/// <summary>Forgot-password requests per normalized email, whoever asks, shared by the replicas (Accounts:ForgotPasswordsPerEmail per ForgotPasswordWindow).</summary>
public sealed class ForgotPasswordLimiter(SharedLimits limits, IOptions<AccountsOptions> options)
{
    public ValueTask<RateLimitLease> AcquireAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        limits.AcquireAsync("forgot-password-email", SharedLimits.Hashed(normalizedEmail),
            options.Value.ForgotPasswordsPerEmail, options.Value.ForgotPasswordWindow, cancellationToken);
}
