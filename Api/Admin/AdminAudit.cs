using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Api.Auth;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Admin;

/// <summary>What an admin changed, for its audit row: the target, and details (before, after, reason) as JSON.</summary>
public sealed record AuditEntry(AdminAction Action, AuditTargetType TargetType, string TargetId, JsonObject Details)
{
    public static AuditEntry Of(AdminAction action, AuditTargetType targetType, object targetId, JsonNode? before, JsonNode? after, string? reason = null) =>
        new(action, targetType, targetId.ToString()!, new JsonObject
        {
            ["before"] = before,
            ["after"] = after,
            ["reason"] = reason,
        });
}

/// <summary>
/// Every admin change and its <see cref="AdminAuditLog"/> row commit in one transaction, or neither does: no change
/// without its record, no record without its change.
/// </summary>
public static class AdminAudit
{
    /// <summary>
    /// Runs <paramref name="change"/> in a transaction (under the context's retrying execution strategy, so a retry
    /// starts it afresh). The change answers its result and, when it changed something, a function that describes the
    /// change once saved (a new row's key is known only then). With no entry, nothing is saved and the transaction is
    /// rolled back; with one, the change is saved, its audit row written, and both committed together.
    /// </summary>
    public static Task<TResult> RecordAsync<TResult>(
        MarketplaceDbContext db,
        ClaimsPrincipal admin,
        Func<CancellationToken, Task<(TResult Result, Func<AuditEntry>? Entry)>> change,
        CancellationToken cancellationToken)
    {
        var adminId = AccessTokens.UserIdOf(admin);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (result, describe) = await change(ct);
            if (describe is null)
            {
                return result;
            }

            await db.SaveChangesAsync(ct);
            var entry = describe();
            db.AdminAuditLogs.Add(new AdminAuditLog
            {
                AdminId = adminId,
                Action = entry.Action,
                TargetType = entry.TargetType,
                TargetId = entry.TargetId,
                Details = JsonSerializer.SerializeToDocument(entry.Details, AdminJson.Default.JsonObject),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class AdminJson : System.Text.Json.Serialization.JsonSerializerContext;
