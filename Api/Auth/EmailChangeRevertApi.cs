using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Auth;

/// <summary>
/// The way back from an address change its owner did not make: the link mailed to the address the account had
/// (<see cref="Mail.MailOutbox.AddEmailChangeRevert"/>) puts that address back, sets a new password and ends every
/// session, for 7 days, whatever happened to the password meanwhile.
/// </summary>
public static class EmailChangeRevertApi
{
    private const string InvalidLink = "This link is invalid, was already used or has expired.";

    public static IEndpointRouteBuilder MapEmailChangeRevertApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/revert-email-change", RevertAsync)
            .WithTags("Accounts")
            .WithName("RevertEmailChange")
            .WithSummary("Put a changed email address back")
            .WithDescription(
                "Follows the link mailed to an account's previous address after its address changed: the account gets that address " +
                "back (verified), newPassword as its password, and every session ends (as sign-out-everywhere). The link works once, " +
                "for 7 days, even after the password changed; links mailed to the addresses the account had after it stop working. " +
                "An unknown, used or expired token: one 400 naming token; the address taken by another account meanwhile: 409.")
            .RequireRateLimiting(RequestLimits.AnonymousPolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevertAsync(
        RevertEmailChangeRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        Sessions sessions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (MailedTokens.HashOf(request.Token) is not { } hash)
        {
            return ApiErrors.Field("token", InvalidLink);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = timeProvider.GetUtcNow();
            // One conditional UPDATE: of two uses of one link, one wins.
            var claimed = await db.EmailChangeRevertTokens
                .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), ct);
            var link = claimed == 0 ? null : await db.EmailChangeRevertTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash)
                .Select(t => new { t.UserId, t.Email, t.CreatedAt })
                .SingleAsync(ct);
            var user = link is null ? null : await db.Users.SingleAsync(u => u.Id == link.UserId, ct);
            if (link is null || user is null || user.DeletedAt is not null)
            {
                return (Results<NoContent, ValidationProblem, ProblemHttpResult>)ApiErrors.Field("token", InvalidLink);
            }

            if (User.NormalizeEmail(link.Email) != user.NormalizedEmail)
            {
                user.Email = link.Email;
                user.NormalizedEmail = User.NormalizeEmail(link.Email);
            }

            // The link proved the address; the password may be known to whoever moved the account.
            user.EmailVerifiedAt = now;
            user.PasswordHash = passwords.Hash(user, request.NewPassword);
            // The links mailed to the addresses the account had after this one lead back to whoever moved it.
            await db.EmailChangeRevertTokens
                .Where(t => t.UserId == user.Id && t.UsedAt == null && t.CreatedAt > link.CreatedAt)
                .ExecuteDeleteAsync(ct);
            await sessions.EndEverySessionAsync(db, user, ct);
            AccountActivityLog.Add(db, user.Id, AccountActivityKind.EmailChangeReverted);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another account took the address since; the link stays unused.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return TypedResults.Problem(
                    title: "Email already registered.",
                    detail: "Another account uses this address now, so it cannot be put back; the link still works once that changes.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            await transaction.CommitAsync(ct);
            return TypedResults.NoContent();
        }, cancellationToken);
    }
}
