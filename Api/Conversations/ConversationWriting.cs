using Marketplace.Api.Mail;
using Marketplace.Contracts.Conversations;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Conversations;

/// <summary>
/// What every new message does, in one transaction: the message, both sides' inbox order, the other side's unread
/// count, and the mail that tells them, committed together or not at all.
/// </summary>
public sealed class ConversationWriting(MailOutbox outbox, ConversationMails mails, TimeProvider timeProvider)
{
    /// <summary>
    /// Adds <paramref name="body"/> from <paramref name="senderId"/> to conversation <paramref name="conversationId"/>,
    /// or opens one with it (<paramref name="opening"/>, its buyer the sender). The caller checked that the sender may
    /// write. Opening a conversation that exists already is a unique violation (<see cref="DbUpdateException"/>).
    /// </summary>
    public Task<ConversationMessage> WriteAsync(
        MarketplaceDbContext db, long? conversationId, ConversationOpening? opening, Guid senderId, string body, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = timeProvider.GetUtcNow();
            Conversation? conversation = null;
            if (opening is not null)
            {
                conversation = new Conversation
                {
                    ListingId = opening.ListingId,
                    BuyerId = opening.BuyerId,
                    SellerId = opening.SellerId,
                    CreatedAt = now,
                    LastMessageAt = now,
                };
                conversation.Participants.Add(new ConversationParticipant { UserId = opening.BuyerId, LastMessageAt = now });
                conversation.Participants.Add(new ConversationParticipant { UserId = opening.SellerId, LastMessageAt = now, UnreadCount = 1 });
                db.Conversations.Add(conversation);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // Both sides' inbox order and the other side's unread count, whatever else is written at the same moment.
                await db.Conversations.Where(c => c.Id == conversationId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastMessageAt, c => c.LastMessageAt > now ? c.LastMessageAt : now), ct);
                await db.ConversationParticipants.Where(p => p.ConversationId == conversationId)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(p => p.LastMessageAt, p => p.LastMessageAt > now ? p.LastMessageAt : now)
                        .SetProperty(p => p.UnreadCount, p => p.UserId == senderId ? p.UnreadCount : p.UnreadCount + 1), ct);
            }

            var id = conversation?.Id ?? conversationId!.Value;
            var message = new ConversationMessage { ConversationId = id, SenderId = senderId, Body = body, CreatedAt = now };
            db.ConversationMessages.Add(message);

            var about = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new
                {
                    c.Listing!.Title,
                    ToSeller = c.BuyerId == senderId,
                    SenderName = c.BuyerId == senderId ? c.Buyer!.DisplayName : c.Seller!.DisplayName,
                    RecipientEmail = c.BuyerId == senderId ? c.Seller!.Email : c.Buyer!.Email,
                    RecipientName = c.BuyerId == senderId ? c.Seller!.DisplayName : c.Buyer!.DisplayName,
                })
                .SingleAsync(ct);
            outbox.AddMessage(db, mails.NewMessage(about.RecipientEmail, about.RecipientName, about.SenderName, id, about.Title, body, about.ToSeller));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return message;
        }, cancellationToken);

    /// <summary>
    /// Why nobody may write between these two accounts about this listing any more, or null: an admin removed the
    /// listing, the other side is suspended, or a block stands between them (either way).
    /// </summary>
    public static async Task<ConversationReadOnlyReason?> ReadOnlyReasonAsync(
        MarketplaceDbContext db, DateTimeOffset? listingRemovedAt, Guid me, Guid other, CancellationToken cancellationToken)
    {
        if (listingRemovedAt is not null)
        {
            return ConversationReadOnlyReason.ListingRemoved;
        }

        var state = await db.Users.AsNoTracking().Where(u => u.Id == other)
            .Select(u => new
            {
                Suspended = u.SuspendedAt != null,
                Blocked = db.UserBlocks.Any(b => (b.BlockerId == me && b.BlockedId == other) || (b.BlockerId == other && b.BlockedId == me)),
            })
            .SingleAsync(cancellationToken);
        return state.Suspended ? ConversationReadOnlyReason.AccountSuspended
            : state.Blocked ? ConversationReadOnlyReason.Blocked
            : null;
    }

    public static ProblemHttpResult ReadOnly(ConversationReadOnlyReason reason) => TypedResults.Problem(
        type: ConversationProblemTypes.ReadOnly,
        title: "Conversation closed.",
        detail: reason switch
        {
            ConversationReadOnlyReason.ListingRemoved => "The listing was removed by an admin; its conversations can be read, not written to.",
            ConversationReadOnlyReason.AccountSuspended => "The other account is suspended; the conversation can be read, not written to.",
            _ => "One of you blocked the other; the conversation can be read, not written to.",
        },
        statusCode: StatusCodes.Status409Conflict);
}
