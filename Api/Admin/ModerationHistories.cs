using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Microsoft.EntityFrameworkCore;
using AdminAction = Marketplace.Data.Entities.AdminAction;
using AuditTargetType = Marketplace.Data.Entities.AuditTargetType;

namespace Marketplace.Api.Admin;

/// <summary>
/// What admins did about accounts before, read from the audit log (its one home): the removals of their listings and
/// their suspensions. Both are probes of the log's (TargetType, TargetId) index, per listing of the accounts and per account.
/// </summary>
public static class ModerationHistories
{
    public static async Task<IReadOnlyDictionary<Guid, ModerationHistory>> ForAsync(
        MarketplaceDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, ModerationHistory>();
        }

        var ids = userIds.ToList();
        // l.Id.ToString() is translated to SQL ("Id"::text), where no culture applies: it names the target as the log does.
#pragma warning disable CA1305
        var removals = await db.Listings.AsNoTracking()
            .Where(l => ids.Contains(l.SellerId))
            .SelectMany(
                l => db.AdminAuditLogs.Where(a => a.TargetType == AuditTargetType.Listing && a.TargetId == l.Id.ToString() && a.Action == AdminAction.ListingRemoved),
                (l, _) => l.SellerId)
            .GroupBy(sellerId => sellerId)
            .Select(g => new { SellerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.SellerId, r => r.Count, cancellationToken);
#pragma warning restore CA1305
        var targets = ids.Select(id => id.ToString()).ToList();
        var suspensions = await db.AdminAuditLogs.AsNoTracking()
            .Where(a => a.TargetType == AuditTargetType.User && targets.Contains(a.TargetId) && a.Action == AdminAction.UserSuspended)
            .GroupBy(a => a.TargetId)
            .Select(g => new { Target = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Target, r => r.Count, cancellationToken);
        return ids.Distinct().ToDictionary(
            id => id,
            id => new ModerationHistory(removals.GetValueOrDefault(id), suspensions.GetValueOrDefault(id.ToString())));
    }
}
