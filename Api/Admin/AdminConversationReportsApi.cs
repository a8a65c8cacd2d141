using System.Security.Claims;
using System.Text.Json.Nodes;
using Marketplace.Api.Auth;
using Marketplace.Api.Conversations;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Reports;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Admin;

/// <summary>
/// Reports about conversations: in the admins' reports queue (<c>GET /api/admin/reports?kind=Conversation</c>), and the
/// one way an admin reads a conversation, <c>GET /api/admin/conversation-reports/{id}</c>, which records who read it
/// and when (<see cref="ConversationReportView"/>) before it answers.
/// </summary>
public static class AdminConversationReportsApi
{
    public static RouteGroupBuilder MapAdminConversationReports(this RouteGroupBuilder admin)
    {
        admin.MapGet("/conversation-reports/{id:long}", GetAsync)
            .WithName("AdminGetConversationReport")
            .WithSummary("Read a reported conversation")
            .WithDescription(
                "The report, the listing, both sides (id and display name), the conversation's latest 500 messages oldest first, and every admin's " +
                "reading of it. Each call is recorded (who, when) before it answers, and listed in views; there is no other way for an admin to read a conversation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    public static RouteGroupBuilder MapAdminConversationReportDismissal(this RouteGroupBuilder writes)
    {
        writes.MapPost("/conversation-reports/{id:long}/dismiss", DismissAsync)
            .WithName("AdminDismissConversationReport")
            .WithSummary("Close a conversation report")
            .WithDescription(
                "Closes the report with the admin's note (what was done, if anything: suspending a side is the user's own action); its " +
                "reporter may report the conversation again. One audit row, report_resolved on the report, whose details name the " +
                "conversation and its listing. 409 if it is resolved already.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return writes;
    }

    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DismissAsync(
        long id, DismissReportRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        AdminReportsApi.CloseAsync(
            id, "conversation report", request, admin, db, timeProvider,
            ct => db.ConversationReports.FromSql($"""SELECT * FROM "ConversationReport" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct),
            async (report, ct) => new JsonObject
            {
                ["kind"] = nameof(ReportKind.Conversation),
                ["conversationId"] = report.ConversationId,
                ["listingId"] = await db.Conversations.Where(c => c.Id == report.ConversationId).Select(c => c.ListingId).SingleAsync(ct),
            },
            cancellationToken);

    /// <summary>A page of conversation reports for the reports queue, newest first, in the queue's own shape.</summary>
    public static async Task<ReportPage> PageAsync(
        MarketplaceDbContext db, ReportStatus? status, long? listingId, Guid? reporterId, NewestFirstPosition? after, int pageSize, NewestFirstCursors cursors,
        CancellationToken cancellationToken)
    {
        var query = status == ReportStatus.Resolved
            ? db.ConversationReports.AsNoTracking().Where(r => r.ResolvedAt != null)
            : db.ConversationReports.AsNoTracking().Where(r => r.ResolvedAt == null);
        if (listingId is { } listing)
        {
            query = query.Where(r => r.Conversation!.ListingId == listing);
        }

        if (reporterId is { } reporter)
        {
            query = query.Where(r => r.ReporterId == reporter);
        }

        if (after is not null)
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var rows = await query
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(pageSize + 1)
            .Select(r => new ReportResponse(
                r.Id, r.Conversation!.ListingId, r.Conversation.Listing!.Title, r.ReporterId, r.Reason,
                r.ResolvedAt == null ? ReportStatus.Open : ReportStatus.Resolved,
                r.CreatedAt, r.ResolvedAt, r.ResolvedById, r.ResolutionNote, ReportKind.Conversation, r.ConversationId))
            .ToListAsync(cancellationToken);
        return new ReportPage(rows.Take(pageSize).ToList(), cursors.After(rows, pageSize, r => new NewestFirstPosition(r.CreatedAt, r.Id)));
    }

    public static async Task<Results<Ok<ConversationReportDetail>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal admin, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        // Recorded first: nothing of the conversation leaves without its record.
        db.ConversationReportViews.Add(new ConversationReportView { ReportId = id, AdminId = AccessTokens.UserIdOf(admin) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsForeignKeyViolation(ex, "FK_ConversationReportView_ConversationReport_ReportId"))
        {
            return ApiErrors.NotFound($"There is no conversation report {id}.");
        }

        var report = await db.ConversationReports.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                Report = new ReportResponse(
                    r.Id, r.Conversation!.ListingId, r.Conversation.Listing!.Title, r.ReporterId, r.Reason,
                    r.ResolvedAt == null ? ReportStatus.Open : ReportStatus.Resolved,
                    r.CreatedAt, r.ResolvedAt, r.ResolvedById, r.ResolutionNote, ReportKind.Conversation, r.ConversationId),
                Listing = new ConversationListing(
                    r.Conversation.ListingId, r.Conversation.Listing.Title, r.Conversation.Listing.Status.ToContract(), r.Conversation.Listing.RemovedAt != null, null),
                r.Conversation.BuyerId,
                BuyerName = r.Conversation.Buyer!.DisplayName,
                r.Conversation.SellerId,
                SellerName = r.Conversation.Seller!.DisplayName,
            })
            .SingleAsync(cancellationToken);
        var messages = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == report.Report.ConversationId)
            .OrderByDescending(m => m.Id)
            .Take(ReportRules.ConversationMessagesShown)
            .Select(m => new ReportedMessage(m.Id, m.SenderId, m.Body, m.CreatedAt))
            .ToListAsync(cancellationToken);
        messages.Reverse();
        var views = await db.ConversationReportViews.AsNoTracking()
            .Where(v => v.ReportId == id)
            .OrderBy(v => v.ViewedAt).ThenBy(v => v.Id)
            .Select(v => new ReportViewEntry(v.AdminId, v.ViewedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ConversationReportDetail(
            report.Report, report.Listing, report.BuyerId, report.BuyerName, report.SellerId, report.SellerName, messages, views));
    }
}
