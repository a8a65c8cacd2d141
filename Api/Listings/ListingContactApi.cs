using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Marketplace.Contracts.Listings;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Listings;

/// <summary>
/// <c>POST /api/listings/{id}/contact</c>: a signed-in buyer's message about an active listing, mailed by the platform to
/// the seller with the buyer's address as Reply-To. No answer carries either address.
/// </summary>
public static partial class ListingContactApi
{
    public static IEndpointRouteBuilder MapListingContactApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/listings")
            .WithTags("Listings")
            .ProducesEdgeProblems()
            .MapPost("/{id:long}/contact", ContactAsync)
            .WithName("ContactSeller")
            .WithSummary("Write to a listing's seller")
            .WithDescription(
                "Mails the message to the seller of an active listing, with the caller's address as Reply-To, so the seller answers by mail; " +
                "neither address is in any answer. The caller's email address must be verified (403 otherwise). A listing that is not " +
                "active and visible is a 404; one's own listing, or a sold one, a 409. A few messages per buyer per hour (429). " +
                "Answers 202 once the mail is stored in the outbox, which sends it, retrying while the mail server is down.")
            .RequireAuthorization()
            .RequireVerifiedEmail()
            .RequireRateLimiting(RequestLimits.ContactPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ContactAsync(
        long id,
        ContactSellerRequest request,
        ClaimsPrincipal caller,
        MarketplaceDbContext db,
        MailOutbox outbox,
        ListingMails mails,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var message = request.Message.Trim();
        if (message.Length == 0)
        {
            return ApiErrors.Field("message", "Write a message to the seller.");
        }

        var buyerId = AccessTokens.UserIdOf(caller);
        var read = await db.Listings.AsNoTracking()
            .Where(l => l.Id == id)
            .WithFacts(l => new { l.Title, SellerEmail = l.Seller!.Email, SellerName = l.Seller.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (ListingAccess.Refuse(read?.Facts, caller, ListingAction.Contact, id) is { } refused)
        {
            return refused;
        }

        var listing = read!.Row;
        var buyer = await db.Users.AsNoTracking()
            .Where(u => u.Id == buyerId)
            .Select(u => new { u.Email, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (buyer is null)
        {
            return TypedResults.Problem(
                title: "Account not found.",
                detail: "The account this access token was issued for no longer exists.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        outbox.AddMessage(db, mails.BuyerMessage(listing.SellerEmail, listing.SellerName, buyer.Email, buyer.DisplayName, id, listing.Title, message));
        await db.SaveChangesAsync(cancellationToken);
        var logger = loggers.CreateLogger(typeof(ListingContactApi));
        LogSent(logger, id, buyerId, read.Facts.SellerId);
        return TypedResults.Accepted((string?)null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Buyer {BuyerId} wrote to seller {SellerId} about listing {ListingId}; the mail is in the outbox.")]
    private static partial void LogSent(ILogger logger, long listingId, Guid buyerId, Guid sellerId);
}
