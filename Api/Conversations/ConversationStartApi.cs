using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Conversations;

/// <summary>
/// A buyer writes about a listing: <c>POST /api/listings/{id}/conversation</c> starts the conversation with its first
/// message, or continues the one the buyer has about that listing. <c>POST /api/listings/{id}/contact</c>, the older
/// one-way contact, now does the same and keeps its old answer (202, no body) for the Web of the previous release; it
/// goes in the release after this one.
/// </summary>
public static partial class ConversationStartApi
{
    public static IEndpointRouteBuilder MapConversationStartApi(this IEndpointRouteBuilder app)
    {
        var listings = app.MapGroup("/api/listings")
            .WithTags("Conversations")
            .ProducesEdgeProblems()
            .RequireAuthorization()
            .RequireRateLimiting(RequestLimits.ContactPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        listings.MapPost("/{id:long}/conversation", StartAsync)
            .WithName("StartConversation")
            .WithSummary("Write to a listing's seller")
            .WithDescription(
                "Starts the caller's conversation with the seller about the listing with this first message (201), or adds it to the " +
                "conversation the caller already has about it (200); either way the answer is the message, and Location the conversation. " +
                "The seller is told by mail, with a link and no address of either side. The caller's email address must be verified (403). " +
                "A listing the caller cannot see is a 404; one's own listing, a sold one (for a new conversation), or a conversation closed " +
                "(a block, a suspended account) a 409. A few new messages per buyer per hour (429).")
            .RequireVerifiedEmail();

        listings.MapPost("/{id:long}/contact", ContactAsync)
            .WithName("ContactSeller")
            .WithSummary("Write to a listing's seller (older form)")
            .WithDescription(
                "The older form of StartConversation, kept for one release for clients written before conversations: the same message, " +
                "the same refusals, answered 202 without a body. The seller reads it on the marketplace; no mail carries either address.")
            .WithMetadata(new ObsoleteAttribute("Use StartConversation (POST /api/listings/{id}/conversation)."))
            .RequireVerifiedEmail();
        return app;
    }

    public static async Task<Results<Created<ConversationMessageResponse>, Ok<ConversationMessageResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        long id,
        MessageRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        ConversationWriting writing,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (message, opened, problem) = await WriteAsync(id, request.Message, caller, db, writing, loggers, cancellationToken);
        if (problem is not null)
        {
            return problem switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult refused => refused,
                _ => throw new InvalidOperationException("An unexpected result."),
            };
        }

        var answer = new ConversationMessageResponse(message!.Id, message.ConversationId, FromYou: true, message.Body, message.CreatedAt);
        return opened
            ? TypedResults.Created(ConversationsApi.Location(message.ConversationId), answer)
            : TypedResults.Ok(answer);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ContactAsync(
        long id,
        ContactSellerRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        ConversationWriting writing,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (_, _, problem) = await WriteAsync(id, request.Message, caller, db, writing, loggers, cancellationToken);
        return problem switch
        {
            null => TypedResults.Accepted((string?)null),
            ValidationProblem validation => validation,
            ProblemHttpResult refused => refused,
            _ => throw new InvalidOperationException("An unexpected result."),
        };
    }

    private static async Task<(Data.Entities.ConversationMessage? Message, bool Opened, IResult? Problem)> WriteAsync(
        long id, string text, ClaimsPrincipal caller, MarketplaceDbContext db, ConversationWriting writing, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var body = text.Trim();
        if (body.Length == 0)
        {
            return (null, false, ApiErrors.Field("message", "Write a message to the seller."));
        }

        var buyerId = AccessTokens.UserIdOf(caller);
        var read = await db.Listings.AsNoTracking()
            .Where(l => l.Id == id)
            .WithFacts(l => db.Conversations.Where(c => c.ListingId == l.Id && c.BuyerId == buyerId).Select(c => (long?)c.Id).FirstOrDefault())
            .SingleOrDefaultAsync(cancellationToken);
        var action = read?.Row is null ? ListingAction.Contact : ListingAction.ContinueContact;
        if (ListingAccess.Refuse(read?.Facts, caller, action, id) is { } refused)
        {
            return (null, false, refused);
        }

        var (listing, conversationId) = (read!.Facts, read.Row);
        if (await ConversationWriting.ReadOnlyReasonAsync(db, listing.RemovedAt, buyerId, listing.SellerId, cancellationToken) is { } closed)
        {
            return (null, false, ConversationWriting.ReadOnly(closed));
        }

        var logger = loggers.CreateLogger(typeof(ConversationStartApi));
        if (conversationId is { } existing)
        {
            var added = await writing.WriteAsync(db, existing, null, buyerId, body, cancellationToken);
            LogWritten(logger, buyerId, existing, id);
            return (added, false, null);
        }

        try
        {
            var first = await writing.WriteAsync(db, null, new ConversationOpening(id, buyerId, listing.SellerId), buyerId, body, cancellationToken);
            LogOpened(logger, buyerId, first.ConversationId, id);
            return (first, true, null);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The buyer's first message in another request opened it a moment ago: this one continues it.
            var opened = await db.Conversations.AsNoTracking().Where(c => c.ListingId == id && c.BuyerId == buyerId).Select(c => c.Id).SingleAsync(cancellationToken);
            var added = await writing.WriteAsync(db, opened, null, buyerId, body, cancellationToken);
            return (added, false, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Buyer {BuyerId} opened conversation {ConversationId} about listing {ListingId}.")]
    private static partial void LogOpened(ILogger logger, Guid buyerId, long conversationId, long listingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Buyer {BuyerId} wrote again in conversation {ConversationId} about listing {ListingId}.")]
    private static partial void LogWritten(ILogger logger, Guid buyerId, long conversationId, long listingId);
}
