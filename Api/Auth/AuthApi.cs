using System.Security.Claims;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        // Counted by the caller's network whatever token comes along; the signed-in operations below by account.
        var api = app.MapGroup("/api/auth")
            .WithTags("Accounts")
            .RequireRateLimiting(RequestLimits.AnonymousPolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .WithSummary("Create an account")
            .WithDescription(
                "Answers 202 (check your mail) whether or not an account has the email, after the same work either way: a new " +
                "address gets an account and a verification mail; an address an account has already gets a mail saying so, with " +
                "links to sign in and to reset the password, and nothing else changes. Emails are unique regardless of case. A few " +
                "registrations per email per window, whoever asks (429), besides the caller's address's budget.")
            .ProducesBodyProblems();

        api.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Get an access token")
            .WithDescription(
                "Exchanges an email and password for a bearer token and a refresh token (see refresh). " +
                "A wrong email and a wrong password get the same 401; a suspended account, with the right password only, 403. " +
                "After a few attempts on one account each further one must wait longer (429 with Retry-After), whether or not the account exists.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/refresh", RefreshAsync)
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for a new pair")
            .WithDescription(
                "Exchanges the last refresh token for a new access token and refresh token. Each refresh token works once: " +
                "presented again within 30 seconds of its exchange it answers the same next refresh token (two tabs refreshing at once); " +
                "later, while its session is going, it was stolen: every session of the account ends, access tokens included. " +
                "No session outlives its maximum age (30 days from its sign-in), however often it is refreshed. Any refusal is the same 401.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/sign-out", SignOutAsync)
            .WithName("SignOut")
            .WithSummary("End this session")
            .WithDescription(
                "Ends the session the access token belongs to: its refresh tokens are revoked and its access tokens refused at once, " +
                "on every replica; the account's other sessions go on. A token that names no session (issued by the release before " +
                "sessions had ids) answers 409: sign out everywhere instead.")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/sign-out-everywhere", SignOutEverywhereAsync)
            .WithName("SignOutEverywhere")
            .WithSummary("End every session")
            .WithDescription(
                "Every session of the account ends: every access token issued so far stops working and every refresh token is revoked. " +
                "Links mailed to confirm a new address or to reset the password, and not used yet, stop working too.")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/change-password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("Change the password")
            .WithDescription(
                "Sets a new password when currentPassword is right (else 400 naming it) and ends every session, as sign-out-everywhere " +
                "(links to confirm a new address or to reset the password stop working too); the answer is a new session's pair for " +
                "the caller, who stays signed in. A password among the 100,000 most common is refused (400 naming newPassword).")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/verify-email", VerifyEmailAsync)
            .WithName("VerifyEmail")
            .WithSummary("Verify an email address")
            .WithDescription(
                "Follows the link of a verification mail: marks the address verified, or after a change of email switches the account " +
                "to the new address. Each link works once and expires; an unknown, used or expired token answers the same 400. " +
                "The new address taken by another account meanwhile answers 409.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/resend-verification", ResendVerificationAsync)
            .WithName("ResendVerification")
            .WithSummary("Mail a new verification link")
            .WithDescription(
                "Queues a mail with a new link to verify the caller's address and answers 202 once it is stored; the outbox sends it, " +
                "retrying while the mail server is down, and the links mailed before stop working when it goes out. A verified " +
                "address answers 409; a few requests per address and per email address per window, then 429.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/change-email", ChangeEmailAsync)
            .WithName("ChangeEmail")
            .WithSummary("Change the email address")
            .WithDescription(
                "Queues a mail with a verification link to newEmail and answers 202 once it is stored (the outbox sends it, retrying " +
                "while the mail server is down); the account switches to the new address only when the link is followed (verify-email), " +
                "and keeps its current address until then. Needs the current password (400 naming it when wrong); an address " +
                "another account has answers 409.")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.MailPolicy)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ChangeEmailAsync(
        ChangeEmailRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        MailOutbox outbox,
        CancellationToken cancellationToken)
    {
        var (user, signedOut, wrongPassword) = await ConfirmedByPasswordAsync(caller, request.CurrentPassword, db, passwords, cancellationToken);
        if (signedOut is not null)
        {
            return signedOut;
        }

        if (wrongPassword is not null)
        {
            return wrongPassword;
        }

        var newEmail = request.NewEmail.Trim();
        var normalized = User.NormalizeEmail(newEmail);
        if (normalized == user.NormalizedEmail)
        {
            return ApiErrors.Field("newEmail", "This is already the account's address.");
        }

        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return EmailTaken();
        }

        outbox.AddVerification(db, user, newEmail);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// Registers <paramref name="request"/>'s email without saying whether an account has it: the same answer after the
    /// same work (the password hashed, one mail committed to the outbox) either way. A new address gets the account and
    /// its verification mail in one transaction; an address an account has gets a mail saying so, offering sign-in and a
    /// reset. The answer's body is the address, which is what the previous Web read from its 201 (it reads any 2xx).
    /// </summary>
    public static async Task<Results<Accepted<RegistrationAcceptedResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        MailOutbox outbox,
        AccountMails accountMails,
        SharedLimits limits,
        IOptions<AccountsOptions> accounts,
        HttpContext httpContext,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = User.NormalizeEmail(request.Email);
        // Per address, whoever asks, before anything depends on whether it is taken: each registration mails that address.
        var budget = accounts.Value;
        using var lease = await limits.AcquireAsync("register-email", SharedLimits.Hashed(normalizedEmail),
            budget.RegistrationsPerEmail, budget.RegistrationWindow, cancellationToken);
        if (!lease.IsAcquired)
        {
            var seconds = RequestLimits.RetryAfterSeconds(lease) ?? (int)budget.RegistrationWindow.TotalSeconds;
            return RequestLimits.TooManyRequests(httpContext, seconds, $"Too many registrations for this email; try again in {seconds} seconds.");
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(timeProvider.GetUtcNow()),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = "",
        };
        // Hashed whether or not the account is created: the hashing is most of the work, and must be the same either way.
        user.PasswordHash = passwords.Hash(user, request.Password);
        var holder = await HolderOfAsync(db, normalizedEmail, cancellationToken);
        if (holder is null)
        {
            db.Users.Add(user);
            outbox.AddVerification(db, user, user.Email);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another registration of the address won the race; the unique index on NormalizedEmail decided.
                db.ChangeTracker.Clear();
                holder = await HolderOfAsync(db, normalizedEmail, cancellationToken);
            }
        }

        if (holder is not null)
        {
            outbox.AddMessage(db, accountMails.AlreadyRegistered(holder.Value.Email, holder.Value.DisplayName),
                notAfter: timeProvider.GetUtcNow() + budget.VerificationTokenLifetime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null, new RegistrationAcceptedResponse(user.Email));
    }

    /// <summary>The address and name of the account that has <paramref name="normalizedEmail"/>, if one has.</summary>
    private static async Task<(string Email, string DisplayName)?> HolderOfAsync(MarketplaceDbContext db, string normalizedEmail, CancellationToken cancellationToken)
    {
        var holder = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalizedEmail)
            .Select(u => new { u.Email, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        return holder is null ? null : (holder.Email, holder.DisplayName);
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        RefreshTokens tokens,
        SignInThrottle throttle,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var normalizedEmail = User.NormalizeEmail(request.Email);
        // Before anything depends on whether the account exists: a guesser gets the same wait for every address.
        if (await throttle.AttemptAsync(normalizedEmail, cancellationToken) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return RequestLimits.TooManyRequests(httpContext, seconds,
                $"Too many sign-in attempts on this account; try again in {seconds} seconds.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        var verification = passwords.Verify(user, request.Password);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(
                title: "Invalid email or password.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        await throttle.SucceededAsync(normalizedEmail);

        // Only after the password is verified: a guesser learns nothing about suspended accounts.
        if (user.SuspendedAt is not null)
        {
            return TypedResults.Problem(
                title: "Account suspended.",
                detail: "An admin suspended this account; it cannot log in until it is reinstated.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        // A hash made with fewer iterations than the one hasher's (every hash before it) is replaced now, while the password is at hand.
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwords.Hash(user, request.Password);
        }

        var pair = tokens.SignIn(db, user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(pair);
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        MarketplaceDbContext db,
        RefreshTokens tokens,
        CancellationToken cancellationToken) =>
        await tokens.ExchangeAsync(db, request.RefreshToken, cancellationToken) is { } pair
            ? TypedResults.Ok(pair)
            : TypedResults.Problem(
                title: "Invalid refresh token.",
                detail: "Log in again.",
                statusCode: StatusCodes.Status401Unauthorized);

    public static async Task<Results<NoContent, ProblemHttpResult>> SignOutAsync(
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        Sessions sessions,
        CancellationToken cancellationToken)
    {
        if (AccessTokens.SessionIdOf(caller) is not { } sessionId)
        {
            return TypedResults.Problem(
                title: "No session named.",
                detail: "This access token was issued before sessions had ids, so it names none to end; sign out everywhere instead (POST /api/auth/sign-out-everywhere).",
                statusCode: StatusCodes.Status409Conflict);
        }

        // Already ended (a second click) is ended all the same.
        await sessions.EndAsync(db, AccessTokens.UserIdOf(caller), sessionId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhereAsync(
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        Sessions sessions,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == AccessTokens.UserIdOf(caller), cancellationToken);
        if (user is null)
        {
            return SignedOut();
        }

        await sessions.EndEverySessionAsync(db, user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        Sessions sessions,
        RefreshTokens refreshTokens,
        CancellationToken cancellationToken)
    {
        var (user, signedOut, wrongPassword) = await ConfirmedByPasswordAsync(caller, request.CurrentPassword, db, passwords, cancellationToken);
        if (signedOut is not null)
        {
            return signedOut;
        }

        if (wrongPassword is not null)
        {
            return wrongPassword;
        }

        user.PasswordHash = passwords.Hash(user, request.NewPassword);
        await sessions.EndEverySessionAsync(db, user, cancellationToken);
        var pair = refreshTokens.SignIn(db, user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(pair);
    }

    /// <summary>
    /// The caller's account, when <paramref name="currentPassword"/> is its password; otherwise what to answer: 401 when
    /// the account went away, 400 naming currentPassword when the password is wrong.
    /// </summary>
    internal static async Task<(User Account, ProblemHttpResult? SignedOut, ValidationProblem? WrongPassword)> ConfirmedByPasswordAsync(
        ClaimsPrincipal caller, string currentPassword, MarketplaceDbContext db, PasswordVerifier passwords, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == AccessTokens.UserIdOf(caller), cancellationToken);
        if (user is null)
        {
            return (null!, SignedOut(), null);
        }

        return passwords.Verify(user, currentPassword) == PasswordVerificationResult.Failed
            ? (user, null, ApiErrors.Field("currentPassword", "This is not the account's current password."))
            : (user, null, null);
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
    public static async Task<Results<Ok<EmailVerifiedResponse>, ValidationProblem, ProblemHttpResult>> VerifyEmailAsync(
        VerifyEmailRequest request,
        EmailVerification verification,
        CancellationToken cancellationToken)
    {
        var (outcome, user) = await verification.VerifyAsync(request.Token, cancellationToken);
        return outcome switch
        {
            VerificationOutcome.Verified => TypedResults.Ok(new EmailVerifiedResponse(user!.Email, user.EmailVerifiedAt!.Value)),
            VerificationOutcome.EmailTaken => EmailTaken(),
            _ => InvalidVerificationToken(),
        };
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ResendVerificationAsync(
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        MailOutbox outbox,
        SharedLimits limits,
        IOptions<RequestLimitsOptions> limitOptions,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var userId = AccessTokens.UserIdOf(caller);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return TypedResults.Problem(
                title: "Account not found.",
                detail: "The account this access token was issued for no longer exists.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (user.EmailVerifiedAt is not null)
        {
            return TypedResults.Problem(
                title: "Email already verified.",
                detail: $"{user.Email} is already verified; there is nothing to resend.",
                statusCode: StatusCodes.Status409Conflict);
        }

        // Per address mailed, besides the caller's network (the endpoint's policy): no mail-bombing one inbox.
        var budget = limitOptions.Value;
        using var lease = await limits.AcquireAsync("resend-email", SharedLimits.Hashed(user.NormalizedEmail), budget.MailsPerWindow, budget.MailWindow, cancellationToken);
        if (!lease.IsAcquired)
        {
            var seconds = RequestLimits.RetryAfterSeconds(lease) ?? (int)budget.MailWindow.TotalSeconds;
            return RequestLimits.TooManyRequests(response.HttpContext, seconds,
                $"Too many verification mails asked for this address; try again in {seconds} seconds.");
        }

        outbox.AddVerification(db, user, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>One answer for a token that is malformed, unknown, used or expired: which of them is nobody's business.</summary>
    public static ValidationProblem InvalidVerificationToken() => ApiErrors.Field("token",
        "This verification link is invalid, was already used or has expired. Sign in and ask for a new one (POST /api/auth/resend-verification).");

    private static ProblemHttpResult EmailTaken() => TypedResults.Problem(
        title: "Email already registered.",
        detail: "An account with this email already exists.",
        statusCode: StatusCodes.Status409Conflict);
}
