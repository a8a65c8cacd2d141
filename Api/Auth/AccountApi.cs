using System.Security.Claims;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Auth;

/// <summary><c>/api/me</c>: the signed-in account as its owner sees it, and the one thing about it changed directly, its display name.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me")
            .WithTags("Accounts")
            .RequireAuthorization()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/", GetAsync)
            .WithName("GetMyAccount")
            .WithSummary("My account")
            .WithDescription("The caller's email address, whether and when it was verified, display name and when the account was created.");

        api.MapPatch("/", UpdateAsync)
            .WithName("UpdateMyAccount")
            .WithSummary("Change my display name")
            .WithDescription(
                "Sets the name buyers see on the caller's listings and profile. Access tokens issued before still carry the old name " +
                "until they are refreshed.")
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        return app;
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var userId = AccessTokens.UserIdOf(caller);
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountResponse(u.Id, u.Email, u.DisplayName, u.EmailVerifiedAt, u.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return account is null ? AccountGone() : TypedResults.Ok(account);
    }

    public static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        UpdateAccountRequest request, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var userId = AccessTokens.UserIdOf(caller);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AccountGone();
        }

        user.DisplayName = request.DisplayName.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AccountResponse(user.Id, user.Email, user.DisplayName, user.EmailVerifiedAt, user.CreatedAt));
    }

    /// <summary>The account the token was issued for no longer exists.</summary>
    private static ProblemHttpResult AccountGone() => TypedResults.Problem(
        title: "Account not found.",
        detail: "The account this access token was issued for no longer exists.",
        statusCode: StatusCodes.Status401Unauthorized);
}
