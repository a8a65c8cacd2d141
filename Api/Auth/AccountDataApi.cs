using System.Globalization;
using System.Security.Claims;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Accounts;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Auth;

/// <summary>
/// An account its owner can take away: download everything the marketplace holds about it, and delete it (the password
/// asked again). Both go into the account's activity record.
/// </summary>
public static class AccountDataApi
{
    public static IEndpointRouteBuilder MapAccountDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me")
            .WithTags("Accounts")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/export", ExportAsync)
            .WithName("ExportMyData")
            .WithSummary("Download my data")
            .WithDescription(
                "Everything the marketplace holds about the caller's account, as a JSON file (Content-Disposition: attachment): the " +
                "account, every listing with its photos' URLs, the reports filed, sessions, tokens and mailed links (times only, never " +
                "a token), the mails about it, its activity and, for an admin, their moderation. Recorded in the account's activity.");

        api.MapPost("/delete", DeleteAsync)
            .WithName("DeleteMyAccount")
            .WithSummary("Delete my account")
            .WithDescription(
                "Deletes the caller's account when currentPassword is its password (else 400 naming it): its listings are archived and " +
                "their photos deleted, every session ends at once, its tokens and mails go (mails not sent yet stop), and the account " +
                "keeps only its id (reports and the admins' log still name it; its address leaves the admins' log). The last active " +
                "admin answers 409. Recorded in the account's activity.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    public static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> ExportAsync(
        ClaimsPrincipal caller, MarketplaceDbContext db, AccountExporter exporter, HttpResponse response, CancellationToken cancellationToken)
    {
        var userId = AccessTokens.UserIdOf(caller);
        AccountActivityLog.Add(db, userId, AccountActivityKind.DataExported);
        await db.SaveChangesAsync(cancellationToken);
        if (await exporter.ExportAsync(userId, cancellationToken) is not { } export)
        {
            return TypedResults.Problem(
                title: "Account not found.",
                detail: "The account this access token was issued for no longer exists.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition =
            $"attachment; filename=\"marketplace-account-{export.ExportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json\"";
        return TypedResults.Ok(export);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        DeleteAccountRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        PasswordVerifier passwords,
        AccountDeletion deletion,
        CancellationToken cancellationToken)
    {
        var (_, signedOut, wrongPassword) = await AuthApi.ConfirmedByPasswordAsync(caller, request.CurrentPassword, db, passwords, cancellationToken);
        if (signedOut is not null)
        {
            return signedOut;
        }

        if (wrongPassword is not null)
        {
            return wrongPassword;
        }

        return await deletion.DeleteAsync(db, AccessTokens.UserIdOf(caller), cancellationToken) switch
        {
            AccountDeletionOutcome.Deleted => TypedResults.NoContent(),
            _ => TypedResults.Problem(
                title: "Last admin.",
                detail: "This account is the last active admin; make another account an admin first (PUT /api/admin/users/{id}/role).",
                statusCode: StatusCodes.Status409Conflict),
        };
    }
}
