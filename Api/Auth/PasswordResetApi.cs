using System.Globalization;
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
/// Forgot password and reset password. The mailed link opens the Web's page (<c>/reset-password</c> under the public
/// base URL), which posts the token here; the Api serves no page of its own.
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
