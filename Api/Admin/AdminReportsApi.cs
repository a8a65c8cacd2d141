using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Reports;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Admin;

/// <summary>
/// The reports users filed about listings, open ones by default. Removing the listing resolves them
/// (<see cref="AdminModerationApi.RemoveListingAsync"/>); dismissing one without removing the listing comes in the next release.
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
                "Reports users filed about listings, newest first: the open ones unless status says Resolved; filtered by listing and reporter. " +
                "Removing a listing resolves its open reports (resolvedAt, resolvedById, resolutionNote: the removal and its reason). " +
                "Pass nextCursor back as cursor for the next page.");
        return admin;
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
        r.ResolutionNote);
}
