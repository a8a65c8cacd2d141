using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Reports;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Listings;

/// <summary>
/// <c>POST /api/listings/{id}/reports</c>: a signed-in user tells the admins a listing breaks the rules. One open report
/// per user per listing: a second, while the first is open, is a 409 (the user learns it is already with the admins).
/// </summary>
public static class ListingReportsApi
{
    private const string ReporterForeignKey = "FK_ListingReport_User_ReporterId";

    public static IEndpointRouteBuilder MapListingReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/listings")
            .WithTags("Listings")
            .ProducesEdgeProblems()
            .MapPost("/{id:long}/reports", ReportAsync)
            .WithName("ReportListing")
            .WithSummary("Report a listing to the admins")
            .WithDescription(
                "Tells the admins why the listing breaks the rules; they see it in GET /api/admin/reports. A listing the caller cannot see " +
                "is a 404; one's own listing, or one the caller has already reported while that report is open, a 409. The caller's " +
                "email address must be verified (403 otherwise), so that a report comes from someone who can be reached and " +
                "throwaway accounts cannot flood the admins.")
            .RequireAuthorization()
            .RequireVerifiedEmail()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportAsync(
        long id,
        ReportListingRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0)
        {
            return ApiErrors.Field("reason", "Say what is wrong with the listing.");
        }

        var reporterId = AccessTokens.UserIdOf(caller);
        var listing = await ListingAccess.FindAsync(db, id, cancellationToken);
        if (ListingAccess.Refuse(listing, caller, ListingAction.Report, id) is { } refused)
        {
            return refused;
        }

        if (await db.ListingReports.AnyAsync(r => r.ListingId == id && r.ReporterId == reporterId && r.ResolvedAt == null, cancellationToken))
        {
            return AlreadyReported(id);
        }

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // The listing's row is held (FOR SHARE) while the report is written, so a removal or a suspension (which
                // lock it for update) either comes after and finds the report open, or came first and is waited for: a
                // report filed while its listing is being removed then ends resolved by that removal, never left open
                // on a listing nobody sees.
                var now = await db.Listings
                    .FromSql($"""SELECT * FROM "Listing" WHERE "Id" = {id} FOR SHARE""")
                    .AsNoTracking()
                    .Select(l => new { l.RemovedAt, l.RemovedById, l.RemovalReason, l.SellerSuspendedAt })
                    .SingleAsync(ct);
                if (now.SellerSuspendedAt is not null)
                {
                    return (Results<Accepted, ValidationProblem, ProblemHttpResult>)ListingProblems.NotFound(id);
                }

                db.ListingReports.Add(new ListingReport
                {
                    ListingId = id,
                    ReporterId = reporterId,
                    Reason = reason,
                    ResolvedAt = now.RemovedAt,
                    ResolvedById = now.RemovedById,
                    ResolutionNote = now.RemovalReason,
                });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Accepted((string?)null);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The partial unique index over open reports decides, also between two reports sent at once.
            return AlreadyReported(id);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsForeignKeyViolation(ex, ReporterForeignKey))
        {
            return TypedResults.Problem(
                title: "Account not found.",
                detail: "The account this access token was issued for no longer exists.",
                statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static ProblemHttpResult AlreadyReported(long id) =>
        Conflict("Already reported.", $"You reported listing {id} already; the admins have not dealt with it yet.");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
