using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Reports;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Admin;

/// <summary>The reports users filed about listings: reading them (open ones by default) and resolving one.</summary>
public static class AdminReportsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAdminReports(this RouteGroupBuilder admin)
    {
        admin.MapGet("/reports", GetAsync)
            .WithName("AdminGetReports")
            .WithSummary("Read the listing reports")
            .WithDescription(
                "Reports users filed about listings, newest first: the open ones unless status says Resolved; filtered by listing and reporter. " +
                "Pass nextCursor back as cursor for the next page.");
        return admin;
    }

    public static RouteGroupBuilder MapAdminReportResolution(this RouteGroupBuilder writes)
    {
        writes.MapPost("/reports/{id:long}/resolve", ResolveAsync)
            .WithName("AdminResolveReport")
            .WithSummary("Resolve a listing report")
            .WithDescription(
                "Marks an open report dealt with, with an optional note (to remove the listing too, see remove). Writes one audit-log entry. " +
                "409 if already resolved.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return writes;
    }

    public static async Task<Results<Ok<ReportPage>, ValidationProblem>> GetAsync(
        [Description("Open (the default) or Resolved.")] ReportStatus? status,
        [Description("Only reports about this listing.")] long? listingId,
        [Description("Only reports by this user.")] Guid? reporterId,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Reports per page, 1 to 200; 50 by default.")][Range(1, MaxPageSize)] int? limit,
        MarketplaceDbContext db,
        [FromKeyedServices(NewestFirstCursors.Reports)] NewestFirstCursors cursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is { } s && !Enum.IsDefined(s))
        {
            errors["status"] = [$"'{(int)s}' is not a report status."];
        }

        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this list issued; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = status == ReportStatus.Resolved
            ? db.ListingReports.AsNoTracking().Where(r => r.ResolvedAt != null)
            : db.ListingReports.AsNoTracking().Where(r => r.ResolvedAt == null);
        if (listingId is { } listing)
        {
            query = query.Where(r => r.ListingId == listing);
        }

        if (reporterId is { } reporter)
        {
            query = query.Where(r => r.ReporterId == reporter);
        }

        if (after is not null)
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var rows = await query
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(pageSize + 1)
            .Select(AsResponse)
            .ToListAsync(cancellationToken);
        var items = rows.Take(pageSize).ToList();
        var nextCursor = rows.Count > pageSize ? cursors.Create(new NewestFirstPosition(items[^1].CreatedAt, items[^1].Id)) : null;
        return TypedResults.Ok(new ReportPage(items, nextCursor));
    }

    public static async Task<Results<Ok<ReportResponse>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        long id, ResolveReportRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            // Locked, so that of two admins resolving one report at once, one does and the other meets the 409.
            var report = await db.ListingReports
                .FromSql($"""SELECT * FROM "ListingReport" WHERE "Id" = {id} FOR UPDATE""")
                .SingleOrDefaultAsync(ct);
            if (report is null)
            {
                return (ApiErrors.NotFound($"There is no report {id}."), null);
            }

            if (report.ResolvedAt is not null)
            {
                return (TypedResults.Problem(
                    title: "Report already resolved.",
                    detail: $"Report {id} was resolved at {report.ResolvedAt:O}.",
                    statusCode: StatusCodes.Status409Conflict), null);
            }

            report.ResolvedAt = timeProvider.GetUtcNow();
            report.ResolvedById = AccessTokens.UserIdOf(admin);
            report.ResolutionNote = note;
            return (null, () => AuditEntry.Of(
                AdminAction.ReportResolved, AuditTargetType.Report, id,
                new JsonObject { ["resolved"] = false, ["listingId"] = report.ListingId },
                new JsonObject { ["resolved"] = true, ["listingId"] = report.ListingId },
                note));
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await db.ListingReports.AsNoTracking().Where(r => r.Id == id).Select(AsResponse).SingleAsync(cancellationToken));
    }

    private static readonly Expression<Func<ListingReport, ReportResponse>> AsResponse = r => new ReportResponse(
        r.Id,
        r.ListingId,
        r.Listing!.Title,
        r.ReporterId,
        r.Reason,
        r.ResolvedAt == null ? ReportStatus.Open : ReportStatus.Resolved,
        r.CreatedAt,
        r.ResolvedAt,
        r.ResolvedById,
        r.ResolutionNote);
}
