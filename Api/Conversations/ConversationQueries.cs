using Marketplace.Api.Images;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Conversations;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Conversations;

/// <summary>
/// The inbox and a conversation's page, each one query on one index: the inbox walks the caller's participant rows
/// (<c>IX_ConversationParticipant_Inbox</c>, latest activity first) and joins each of the page's rows to its conversation,
/// listing, other side and first photo by key; a conversation's page finds the caller's participant row by key (so a
/// stranger finds nothing) and walks that conversation's messages on <c>(ConversationId, Id)</c> backwards from the newest.
/// </summary>
public static class ConversationQueries
{
    /// <summary>The page of the inbox after <paramref name="after"/>, one row more than <paramref name="pageSize"/>.</summary>
    public static Task<List<ConversationSummary>> InboxAsync(
        MarketplaceDbContext db, Guid me, NewestFirstPosition? after, int pageSize, CancellationToken cancellationToken)
    {
        var rows = db.ConversationParticipants.AsNoTracking().Where(p => p.UserId == me);
        if (after is not null)
        {
            rows = rows.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.LastMessageAt, p.ConversationId), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        return rows
            .OrderByDescending(p => p.LastMessageAt).ThenByDescending(p => p.ConversationId)
            .Take(pageSize + 1)
            .Select(p => new ConversationSummary(
                p.ConversationId,
                new ConversationListing(
                    p.Conversation!.ListingId,
                    p.Conversation.Listing!.Title,
                    p.Conversation.Listing.Status.ToContract(),
                    p.Conversation.Listing.RemovedAt != null,
                    // The first photo's thumbnail, as a listing's answer has it (ListingAnswers.AsResponse); none once removed.
                    p.Conversation.Listing.RemovedAt == null
                        ? p.Conversation.Listing.Images.OrderBy(i => i.Position).ThenBy(i => i.Id)
                            .Select(i => i.ExternalUrl ?? ImagePaths.Prefix + i.ThumbnailBlobName).FirstOrDefault()
                        : null),
                p.Conversation.BuyerId == me ? ConversationRole.Buyer : ConversationRole.Seller,
                p.Conversation.BuyerId == me ? p.Conversation.Seller!.DisplayName : p.Conversation.Buyer!.DisplayName,
                p.LastMessageAt,
                p.UnreadCount))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One conversation as <paramref name="me"/> reads it, with its latest messages before <paramref name="before"/>
    /// (newest first, one more than <paramref name="pageSize"/>), or null: not the caller's conversation. Two statements,
    /// each a seek: the conversation by the caller's side of it, then the messages by their own index under a LIMIT.
    /// In one statement EF Core numbers the messages with ROW_NUMBER() OVER (PARTITION BY …), which reads every message
    /// of the conversation to return a page of them.
    /// </summary>
    public static async Task<ConversationPage?> PageAsync(
        MarketplaceDbContext db, long conversationId, Guid me, long? before, int pageSize, CancellationToken cancellationToken)
    {
        var head = await (
            from p in db.ConversationParticipants.AsNoTracking()
            where p.ConversationId == conversationId && p.UserId == me
            let c = p.Conversation!
            let otherId = c.BuyerId == me ? c.SellerId : c.BuyerId
            select new ConversationPageHead(
                new ConversationListing(
                    c.ListingId,
                    c.Listing!.Title,
                    c.Listing.Status.ToContract(),
                    c.Listing.RemovedAt != null,
                    c.Listing.RemovedAt == null
                        ? c.Listing.Images.OrderBy(i => i.Position).ThenBy(i => i.Id)
                            .Select(i => i.ExternalUrl ?? ImagePaths.Prefix + i.ThumbnailBlobName).FirstOrDefault()
                        : null),
                c.BuyerId == me ? ConversationRole.Buyer : ConversationRole.Seller,
                c.BuyerId == me ? c.Seller!.DisplayName : c.Buyer!.DisplayName,
                c.BuyerId == me ? c.Seller!.SuspendedAt != null : c.Buyer!.SuspendedAt != null,
                db.UserBlocks.Any(b => b.BlockerId == me && b.BlockedId == otherId),
                db.UserBlocks.Any(b => b.BlockerId == otherId && b.BlockedId == me)))
            .SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var messages = db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (before is { } earliest)
        {
            messages = messages.Where(m => m.Id < earliest);
        }

        var latest = await messages.OrderByDescending(m => m.Id).Take(pageSize + 1)
            .Select(m => new ConversationPageMessage(m.Id, m.SenderId, m.Body, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return new ConversationPage(head, latest);
    }
}
