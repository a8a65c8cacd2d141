using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marketplace.Api.Categories;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Admin;

/// <summary>
/// <c>GET /api/admin/reports/queue</c>: the open reports as cases, one per reported thing, with what an admin needs to
/// decide: how many reported it and why, the thing as the public sees it, and what admins did about its owner before.
/// Listings are the one kind of subject so far; another kind joins as a <see cref="ReportSubject"/> of its own, its cases
/// merged into the same order.
/// </summary>
public static class AdminReportQueueApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapAdminReportQueue(this RouteGroupBuilder admin)
    {
        admin.MapGet("/reports/queue", GetAsync)
            .WithName("AdminGetReportQueue")
            .WithSummary("Read the queue of open reports, one case per reported listing")
            .WithDescription(
                "Open reports grouped by the listing they are about: the case whose first report is oldest first (order=Newest: the " +
                "case reported last first), each with its reporters' count and reasons, the listing as the public sees it, its seller " +
                "and the seller's earlier removals and suspensions. Dismiss a report, remove the listing or suspend the seller to close " +
                "it. Pass nextCursor back as cursor for the next page.");
        return admin;
    }

    public static async Task<Results<Ok<ReportQueuePage>, ValidationProblem>> GetAsync(
        [Description("Oldest (the default): the case waiting longest first; Newest: the case reported last first.")] ReportQueueOrder? order,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Cases per page, 1 to 100; 20 by default.")][Range(1, MaxPageSize)] int? limit,
        MarketplaceDbContext db,
        CategoryCatalog catalog,
        IOptions<MarketplaceOptions> marketplace,
        [FromKeyedServices(NewestFirstCursors.ReportQueueOldest)] NewestFirstCursors oldestCursors,
        [FromKeyedServices(NewestFirstCursors.ReportQueueNewest)] NewestFirstCursors newestCursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (order is { } o && !Enum.IsDefined(o))
        {
            errors["order"] = [$"'{(int)o}' is not an order."];
        }

        var newest = order == ReportQueueOrder.Newest;
        var cursors = newest ? newestCursors : oldestCursors;
        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this queue issued in this order; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The open reports are few (the partial index IX_ListingReport_Open_CreatedAt_Id holds them): grouped whole, then paged.
        var cases = db.ListingReports.AsNoTracking()
            .Where(r => r.ResolvedAt == null)
            .GroupBy(r => r.ListingId)
            .Select(g => new { ListingId = g.Key, First = g.Min(r => r.CreatedAt), Last = g.Max(r => r.CreatedAt), Reporters = g.Count() });
        if (after is not null)
        {
            cases = newest
                ? cases.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Last, c.ListingId), ValueTuple.Create(after.CreatedAt, after.Id)))
                : cases.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.First, c.ListingId), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var rows = await (newest
                ? cases.OrderByDescending(c => c.Last).ThenByDescending(c => c.ListingId)
                : cases.OrderBy(c => c.First).ThenBy(c => c.ListingId))
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).ToList();
        var ids = page.Select(c => c.ListingId).ToList();

        var reports = (await db.ListingReports.AsNoTracking()
                .Where(r => r.ResolvedAt == null && ids.Contains(r.ListingId))
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                .Select(AdminReportsApi.AsResponse)
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ListingId);
        var listings = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(ListingAnswers.AsResponse).ToDictionaryAsync(l => l.Id, cancellationToken);
        var sellerIds = listings.Values.Select(l => l.SellerId).Distinct().ToList();
        var sellers = await db.Users.AsNoTracking()
            .Where(u => sellerIds.Contains(u.Id))
            .Select(AdminUserProjection.AsSummary)
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var histories = await ModerationHistories.ForAsync(db, sellerIds, cancellationToken);
        var tree = await catalog.GetAsync(cancellationToken);
        var currency = marketplace.Value.Currency;

        var items = page.Select(c =>
        {
            var listing = listings[c.ListingId];
            return new ReportCase(
                ReportSubject.Listing,
                listing with { Currency = currency, CategorySlug = tree.SlugOf(listing.CategoryId) },
                sellers[listing.SellerId],
                histories[listing.SellerId],
                c.Reporters,
                c.First,
                c.Last,
                reports[c.ListingId].ToList());
        })
            // A case whose reports were all closed between the two reads above is no longer open.
            .Where(c => c.Reports.Count > 0)
            .ToList();
        var next = rows.Count > pageSize
            ? cursors.Create(new NewestFirstPosition(newest ? page[^1].Last : page[^1].First, page[^1].ListingId))
            : null;
        return TypedResults.Ok(new ReportQueuePage(items, next));
    }
}
