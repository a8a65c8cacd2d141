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

/// <summary>
/// The reports users filed about listings, open ones by default, and dismissing one: an admin closes it with a note,
/// without acting on the listing (its reporter may report the listing again later). Removing the listing resolves its
/// open reports too (<see cref="AdminModerationApi.RemoveListingAsync"/>), and so does suspending its seller.
/// </summary>
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
                "Reports users filed about listings (kind Listing, the default) or about conversations (kind Conversation: read one with " +
                "GET /api/admin/conversation-reports/{id}), newest first: the open ones unless status says Resolved; filtered by listing and reporter. " +
                "Dismissing a report, removing its listing or suspending its seller resolves it (resolvedAt, resolvedById, resolutionNote: " +
                "the admin's note or reason). " +
                "Pass nextCursor back as cursor for the next page.");
        return admin;
    }

    public static RouteGroupBuilder MapAdminReportDismissal(this RouteGroupBuilder writes)
    {
        writes.MapPost("/reports/{id:long}/dismiss", DismissAsync)
            .WithName("AdminDismissReport")
            .WithSummary("Dismiss a report")
            .WithDescription(
                "Closes the report with the admin's note, leaving the listing as it is; its reporter may report the listing again. " +
                "One audit row, report_resolved on the report. 409 if it is resolved already.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return writes;
    }

    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DismissAsync(
        long id, DismissReportRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        // report_resolved and the target type report came a release before this one, which wrote no row with them
        // ([EnumLabelNotWrittenYet] on AddListingReport): every release that may still run reads them now.
        CloseAsync(
            id, "report", request, admin, db, timeProvider,
            ct => db.ListingReports.FromSql($"""SELECT * FROM "ListingReport" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct),
            (report, _) => Task.FromResult(new JsonObject { ["listingId"] = report.ListingId }),
            cancellationToken);

    /// <summary>
    /// Closes an open report, about a listing or a conversation, with the admin's note: 400 naming note when it is blank,
    /// 404 for no such report, 409 when it is closed already; otherwise the report's row (locked by
    /// <paramref name="lockedRow"/>) and one report_resolved audit row, whose states carry <paramref name="about"/>'s facts.
    /// </summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CloseAsync<TReport>(
        long id,
        string name,
        DismissReportRequest request,
        ClaimsPrincipal admin,
        MarketplaceDbContext db,
        TimeProvider timeProvider,
        Func<CancellationToken, Task<TReport?>> lockedRow,
        Func<TReport, CancellationToken, Task<JsonObject>> about,
        CancellationToken cancellationToken)
        where TReport : class, IResolvableReport
    {
        var note = request.Note.Trim();
        if (note.Length == 0)
        {
            return ApiErrors.Field("note", $"Say why the {name} is closed.");
        }

        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            if (await lockedRow(ct) is not { } report)
            {
                return (ApiErrors.NotFound($"There is no {name} {id}."), null);
            }

            if (report.ResolvedAt is not null)
            {
                return (TypedResults.Problem(
                    title: "Report already resolved.",
                    detail: $"The {name} {id} was resolved at {report.ResolvedAt:O}.",
                    statusCode: StatusCodes.Status409Conflict), null);
            }

            report.ResolvedAt = timeProvider.GetUtcNow();
            report.ResolvedById = AccessTokens.UserIdOf(admin);
            report.ResolutionNote = note;
            var facts = await about(report, ct);
            JsonObject State(ReportStatus status)
            {
                var state = (JsonObject)facts.DeepClone();
                state["status"] = status.ToString();
                return state;
            }

            return (null, () => AuditEntry.Of(AdminAction.ReportResolved, AuditTargetType.Report, id, State(ReportStatus.Open), State(ReportStatus.Resolved), note));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<Ok<ReportPage>, ValidationProblem>> GetAsync(
        [Description("Open (the default) or Resolved.")] ReportStatus? status,
        [Description("Only reports about this listing.")] long? listingId,
        [Description("Only reports by this user.")] Guid? reporterId,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Reports per page, 1 to 200; 50 by default.")][Range(1, MaxPageSize)] int? limit,
        [Description("Listing (the default) or Conversation.")] ReportKind? kind,
        MarketplaceDbContext db,
        [FromKeyedServices(NewestFirstCursors.Reports)] NewestFirstCursors cursors,
        [FromKeyedServices(NewestFirstCursors.ConversationReports)] NewestFirstCursors conversationCursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is { } s && !Enum.IsDefined(s))
        {
            errors["status"] = [$"'{(int)s}' is not a report status."];
        }

        if (kind is { } k && !Enum.IsDefined(k))
        {
            errors["kind"] = [$"'{(int)k}' is not a report kind."];
        }

        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = (kind == ReportKind.Conversation ? conversationCursors : cursors).Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this list issued; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (kind == ReportKind.Conversation)
        {
            return TypedResults.Ok(await AdminConversationReportsApi.PageAsync(
                db, status, listingId, reporterId, after, limit ?? DefaultPageSize, conversationCursors, cancellationToken));
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
        return TypedResults.Ok(new ReportPage(rows.Take(pageSize).ToList(), cursors.After(rows, pageSize, r => new NewestFirstPosition(r.CreatedAt, r.Id))));
    }

    internal static readonly Expression<Func<ListingReport, ReportResponse>> AsResponse = r => new ReportResponse(
        r.Id,
        r.ListingId,
        r.Listing!.Title,
        r.ReporterId,
        r.Reason,
        r.ResolvedAt == null ? ReportStatus.Open : ReportStatus.Resolved,
        r.CreatedAt,
        r.ResolvedAt,
        r.ResolvedById,
        r.ResolutionNote,
        ReportKind.Listing,
        null);
}
