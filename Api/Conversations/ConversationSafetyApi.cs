using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Conversations;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Conversations;

/// <summary>
/// What one side of a conversation can do about the other: block them (no more messages between the two, in any of
/// their conversations, until lifted) and report the conversation to the admins, who may then read it.
/// </summary>
public static class ConversationSafetyApi
{
    private const string ReporterForeignKey = "FK_ConversationReport_User_ReporterId";

    public static IEndpointRouteBuilder MapConversationSafetyApi(this IEndpointRouteBuilder app)
    {
        var conversation = app.MapGroup("/api/conversations/{id:long}")
            .WithTags("Conversations")
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.WritePolicy)
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        conversation.MapPut("/block", BlockAsync)
            .WithName("BlockConversationPartner")
            .WithSummary("Block the other side")
            .WithDescription(
                "The caller takes no more messages from the other side of this conversation: every conversation between the two becomes " +
                "read-only for both until the caller lifts it. Blocking twice is harmless.");

        conversation.MapDelete("/block", UnblockAsync)
            .WithName("UnblockConversationPartner")
            .WithSummary("Lift a block")
            .WithDescription("Lifts the caller's block of the other side of this conversation. Lifting none is harmless.");

        conversation.MapPost("/reports", ReportAsync)
            .WithName("ReportConversation")
            .WithSummary("Report a conversation to the admins")
            .WithDescription(
                "Tells the admins why this conversation breaks the rules; they see it among the reports (kind Conversation) and may read the " +
                "conversation through it. One open report per side: a second while the first is open is a 409.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> BlockAsync(
        long id, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        if (await OtherSideAsync(db, id, me, cancellationToken) is not { } other)
        {
            return ConversationsApi.NotFound(id);
        }

        // One statement, so two blocks at once make one row.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "UserBlock" ("BlockerId", "BlockedId") VALUES ({me}, {other}) ON CONFLICT DO NOTHING
            """, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnblockAsync(
        long id, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        if (await OtherSideAsync(db, id, me, cancellationToken) is not { } other)
        {
            return ConversationsApi.NotFound(id);
        }

        await db.UserBlocks.Where(b => b.BlockerId == me && b.BlockedId == other).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportAsync(
        long id, ReportConversationRequest request, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0)
        {
            return ApiErrors.Field("reason", "Say what is wrong with this conversation.");
        }

        var me = AccessTokens.UserIdOf(caller);
        if (await OtherSideAsync(db, id, me, cancellationToken) is null)
        {
            return ConversationsApi.NotFound(id);
        }

        if (await db.ConversationReports.AnyAsync(r => r.ConversationId == id && r.ReporterId == me && r.ResolvedAt == null, cancellationToken))
        {
            return AlreadyReported(id);
        }

        db.ConversationReports.Add(new ConversationReport { ConversationId = id, ReporterId = me, Reason = reason });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
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

    /// <summary>The other side of the caller's conversation <paramref name="id"/>; null when it is not the caller's.</summary>
    private static Task<Guid?> OtherSideAsync(MarketplaceDbContext db, long id, Guid me, CancellationToken cancellationToken) =>
        db.ConversationParticipants.AsNoTracking()
            .Where(p => p.ConversationId == id && p.UserId == me)
            .Select(p => (Guid?)(p.Conversation!.BuyerId == me ? p.Conversation.SellerId : p.Conversation.BuyerId))
            .SingleOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult AlreadyReported(long id) => TypedResults.Problem(
        title: "Already reported.", detail: $"You reported conversation {id} already; the admins have not dealt with it yet.", statusCode: StatusCodes.Status409Conflict);
}
