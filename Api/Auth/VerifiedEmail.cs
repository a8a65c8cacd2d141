using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// Endpoints that need the caller's email address verified (<c>Accounts:RequireVerifiedEmail</c>, on by default):
/// anyone else gets a 403 problem that says how to verify. Read from the database on each such request, so a link
/// followed a moment ago counts at once, without a new access token.
/// </summary>
public static class VerifiedEmail
{
    public const string ProblemType = "urn:marketplace:problem:email-not-verified";

    public static RouteHandlerBuilder RequireVerifiedEmail(this RouteHandlerBuilder builder)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            if (!services.GetRequiredService<IOptions<AccountsOptions>>().Value.RequireVerifiedEmail
                || AccessTokens.OptionalUserIdOf(context.HttpContext.User) is not { } userId)
            {
                return await next(context);
            }

            var db = services.GetRequiredService<MarketplaceDbContext>();
            var verified = await db.Users.Where(u => u.Id == userId).Select(u => (bool?)(u.EmailVerifiedAt != null))
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            // An account that no longer exists is the endpoint's to answer (401), not this check's.
            return verified is false ? NotVerified() : await next(context);
        });
        return builder.ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static IResult NotVerified() => TypedResults.Problem(
        type: ProblemType,
        title: "Email address not verified.",
        detail: "Verify your email address first: follow the link in the verification mail we sent you, " +
            "or ask for a new one with POST /api/auth/resend-verification.",
        statusCode: StatusCodes.Status403Forbidden);
}
