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
                "is a 404; one's own listing, or one the caller has already reported while that report is open, a 409.")
            .RequireAuthorization()
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

        db.ListingReports.Add(new ListingReport { ListingId = id, ReporterId = reporterId, Reason = reason });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
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

        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult AlreadyReported(long id) =>
        Conflict("Already reported.", $"You reported listing {id} already; the admins have not dealt with it yet.");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
