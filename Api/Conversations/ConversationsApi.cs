using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Conversations;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Conversations;

/// <summary>
/// <c>/api/conversations</c>: the caller's inbox, their unread total, one conversation, a reply, marking it read. Only its
/// two sides can read or write a conversation: to anyone else it does not exist (404), admins included (they read one
/// only through a report on it, <c>GET /api/admin/conversation-reports/{id}</c>).
/// </summary>
public static class ConversationsApi
{
    public const int DefaultInboxPageSize = 20;
    public const int MaxInboxPageSize = 100;

    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationWriting>();
        NewestFirstCursors.AddNewestFirstCursors(builder.Services, NewestFirstCursors.Inbox);
        return builder;
    }

    /// <summary>Where a conversation is read: <c>/api/conversations/{id}</c>.</summary>
    public static string Location(long conversationId) => $"/api/conversations/{conversationId.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations")
            .WithTags("Conversations")
            .RequireAuthorization()
            .ProducesEdgeProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        conversations.MapGet("/", InboxAsync)
            .WithName("GetInbox")
            .WithSummary("List my conversations")
            .WithDescription(
                "The caller's conversations as buyer and as seller, latest activity first, each with its listing (title, state, thumbnail), " +
                "the other side's display name and the caller's unread count. Pass nextCursor back as cursor for the next page.");

        conversations.MapGet("/unread", UnreadAsync)
            .WithName("GetUnreadCount")
            .WithSummary("Count my unread messages")
            .WithDescription("Messages the caller has not read yet, over all their conversations (what a header shows).");

        conversations.MapGet("/{id:long}", GetAsync)
            .WithName("GetConversation")
            .WithSummary("Read a conversation")
            .WithDescription(
                "The conversation's latest messages, oldest first, with whether it is closed (readOnly) and why. Give before (an earlierBefore) " +
                "for the messages before those. Reading changes nothing: POST .../read marks it read. Anyone but its two sides gets a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var writes = conversations.MapGroup("")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        writes.MapPost("/{id:long}/messages", ReplyAsync)
            .WithName("SendMessage")
            .WithSummary("Write in a conversation")
            .WithDescription(
                "Adds a message; the other side is told by mail, with a link and no address of either side. A closed conversation (the listing " +
                "removed, an account suspended, a block) is a 409; a few dozen messages per sender per hour (429).")
            .RequireRateLimiting(RequestLimits.MessagePolicy)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        writes.MapPost("/{id:long}/read", MarkReadAsync)
            .WithName("MarkConversationRead")
            .WithSummary("Mark a conversation read")
            .WithDescription("The caller has read every message of it so far: its unread count becomes 0.")
            .RequireRateLimiting(RequestLimits.WritePolicy);

        return app;
    }

    public static async Task<Results<Ok<InboxPage>, ValidationProblem>> InboxAsync(
        [Description("The nextCursor of the page seen last.")][StringLength(200)] string? cursor,
        [Description("Conversations per page, 1 to 100; 20 by default.")][Range(1, MaxInboxPageSize)] int? limit,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        [FromKeyedServices(NewestFirstCursors.Inbox)] NewestFirstCursors cursors,
        CancellationToken cancellationToken)
    {
        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            return ApiErrors.Field("cursor", "The cursor is not one this list issued; start again without a cursor.");
        }

        var pageSize = limit ?? DefaultInboxPageSize;
        var rows = await ConversationQueries.InboxAsync(db, AccessTokens.UserIdOf(caller), after, pageSize, cancellationToken);
        return TypedResults.Ok(new InboxPage(rows.Take(pageSize).ToList(), cursors.After(rows, pageSize, r => new NewestFirstPosition(r.LastMessageAt, r.Id))));
    }

    public static async Task<Ok<UnreadCountResponse>> UnreadAsync(ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        // Only the rows with something unread, from their own small index.
        var unread = await db.ConversationParticipants.AsNoTracking().Where(p => p.UserId == me && p.UnreadCount > 0).SumAsync(p => p.UnreadCount, cancellationToken);
        return TypedResults.Ok(new UnreadCountResponse(unread));
    }

    public static async Task<Results<Ok<ConversationResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        long id,
        [Description("The earlierBefore of the messages seen: the messages before them.")] long? before,
        [Description("Messages, 1 to 100; 50 by default.")][Range(1, ConversationRules.MaxPageSize)] int? limit,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        var pageSize = limit ?? ConversationRules.DefaultPageSize;
        if (await ConversationQueries.PageAsync(db, id, me, before, pageSize, cancellationToken) is not { } page)
        {
            return NotFound(id);
        }

        var head = page.Head;
        var messages = page.Messages.Take(pageSize)
            .Select(m => new ConversationMessageResponse(m.Id, id, m.SenderId == me, m.Body, m.SentAt))
            .Reverse()
            .ToList();
        ConversationReadOnlyReason? readOnly = head.Listing.Removed ? ConversationReadOnlyReason.ListingRemoved
            : head.OtherSuspended ? ConversationReadOnlyReason.AccountSuspended
            : head.BlockedByYou || head.BlockedYou ? ConversationReadOnlyReason.Blocked
            : null;
        var earlier = page.Messages.Count > pageSize ? messages[0].Id : (long?)null;
        return TypedResults.Ok(new ConversationResponse(id, head.Listing, head.You, head.OtherName, readOnly, head.BlockedByYou, messages, earlier));
    }

    public static async Task<Results<Created<ConversationMessageResponse>, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        long id,
        MessageRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        ConversationWriting writing,
        CancellationToken cancellationToken)
    {
        var body = request.Message.Trim();
        if (body.Length == 0)
        {
            return ApiErrors.Field("message", "Write a message.");
        }

        var me = AccessTokens.UserIdOf(caller);
        var conversation = await db.ConversationParticipants.AsNoTracking()
            .Where(p => p.ConversationId == id && p.UserId == me)
            .Select(p => new
            {
                Other = p.Conversation!.BuyerId == me ? p.Conversation.SellerId : p.Conversation.BuyerId,
                p.Conversation.Listing!.RemovedAt,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (conversation is null)
        {
            return NotFound(id);
        }

        if (await ConversationWriting.ReadOnlyReasonAsync(db, conversation.RemovedAt, me, conversation.Other, cancellationToken) is { } closed)
        {
            return ConversationWriting.ReadOnly(closed);
        }

        var message = await writing.WriteAsync(db, id, null, me, body, cancellationToken);
        return TypedResults.Created(Location(id), new ConversationMessageResponse(message.Id, id, FromYou: true, message.Body, message.CreatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        long id, ClaimsPrincipal caller, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var me = AccessTokens.UserIdOf(caller);
        var found = await db.ConversationParticipants.Where(p => p.ConversationId == id && p.UserId == me)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.UnreadCount, 0), cancellationToken);
        return found == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    /// <summary>Not a conversation of the caller's: the same answer whether or not it exists.</summary>
    internal static ProblemHttpResult NotFound(long id) => ApiErrors.NotFound($"There is no conversation {id}.");
}
