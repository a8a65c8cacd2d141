using System.Security.Claims;
using Marketplace.Api.Infrastructure;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth")
            .WithTags("Accounts")
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .WithSummary("Create an account")
            .WithDescription("Creates an account. Emails are unique regardless of case; a taken email answers 409.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Get an access token")
            .WithDescription(
                "Exchanges an email and password for a bearer token. A wrong email and a wrong password get the same 401; " +
                "a suspended account, with the right password only, 403.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/sign-out-everywhere", SignOutEverywhereAsync)
            .WithName("SignOutEverywhere")
            .WithSummary("End every session")
            .WithDescription("Every access token issued to the account so far stops working (on other instances within Accounts:SecurityStampCacheDuration), and every refresh token is revoked.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = User.NormalizeEmail(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            return EmailTaken();
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(timeProvider.GetUtcNow()),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = "",
        };
        user.PasswordHash = passwords.Hash(user, request.Password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Two registrations raced past the check above; the unique index on NormalizedEmail decided.
            return EmailTaken();
        }

        return TypedResults.Created((string?)null, UserResponse.From(user));
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        AccessTokens tokens,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = User.NormalizeEmail(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        var verification = passwords.Verify(user, request.Password);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(
                title: "Invalid email or password.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // Only after the password is verified: a guesser learns nothing about suspended accounts.
        if (user.SuspendedAt is not null)
        {
            return TypedResults.Problem(
                title: "Account suspended.",
                detail: "An admin suspended this account; it cannot log in until it is reinstated.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwords.Hash(user, request.Password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(tokens.Issue(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhereAsync(
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        SecurityStamps stamps,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == AccessTokens.UserIdOf(caller), cancellationToken);
        if (user is null)
        {
            return SignedOut();
        }

        stamps.Invalidate(user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's account went away between the token check and this request.</summary>
    private static ProblemHttpResult SignedOut() => TypedResults.Problem(
        title: "Not signed in.",
        detail: "Log in again.",
        statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>A JSON body can be too large (413) or not JSON (415).</summary>
    private static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static ProblemHttpResult EmailTaken() => TypedResults.Problem(
        title: "Email already registered.",
        detail: "An account with this email already exists.",
        statusCode: StatusCodes.Status409Conflict);
}
