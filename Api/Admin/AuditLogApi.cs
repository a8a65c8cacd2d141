using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AdminAction = Marketplace.Contracts.Admin.AdminAction;
using AuditTargetType = Marketplace.Contracts.Admin.AuditTargetType;

namespace Marketplace.Api.Admin;

/// <summary><c>GET /api/admin/audit-log</c>: filtered, newest first, keyset-paged on (CreatedAt, Id).</summary>
public static class AuditLogApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAuditLog(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit-log", GetAsync)
            .WithName("AdminGetAuditLog")
            .WithSummary("Read the audit log")
            .WithDescription("Admin actions, newest first, filtered by admin, action, target and time. Pass nextCursor back as cursor for the next page.");
        return admin;
    }

    public static async Task<Results<Ok<AuditLogPage>, ValidationProblem>> GetAsync(
        [Description("Only this admin's actions.")] Guid? adminId,
        [Description("Only this action.")] AdminAction? action,
        [Description("Only actions on this kind of target.")] AuditTargetType? targetType,
        [Description("Only actions on this target (its id as text).")][StringLength(AdminAuditLog.TargetIdMaxLength)] string? targetId,
        [Description("Only actions at or after this time.")] DateTimeOffset? from,
        [Description("Only actions before this time.")] DateTimeOffset? to,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Entries per page, 1 to 200; 50 by default.")][Range(1, MaxPageSize)] int? limit,
        MarketplaceDbContext db,
        [FromKeyedServices(NewestFirstCursors.AuditLog)] NewestFirstCursors cursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (action is { } a && !Enum.IsDefined(a))
        {
            errors["action"] = [$"'{(int)a}' is not an action."];
        }

        if (targetType is { } t && !Enum.IsDefined(t))
        {
            errors["targetType"] = [$"'{(int)t}' is not a target type."];
        }

        if (from >= to)
        {
            errors["to"] = ["to must be later than from."];
        }

        NewestFirstPosition? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this log issued; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AdminAuditLogs.AsNoTracking();
        if (adminId is { } admin)
        {
            query = query.Where(e => e.AdminId == admin);
        }

        if (action is { } wanted)
        {
            var stored = wanted.ToStored();
            query = query.Where(e => e.Action == stored);
        }

        if (targetType is { } type)
        {
            var storedType = type.ToStored();
            query = query.Where(e => e.TargetType == storedType);
        }

        if (!string.IsNullOrEmpty(targetId))
        {
            query = query.Where(e => e.TargetId == targetId);
        }

        if (from is { } since)
        {
            query = query.Where(e => e.CreatedAt >= since);
        }

        if (to is { } until)
        {
            query = query.Where(e => e.CreatedAt < until);
        }

        if (after is not null)
        {
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.CreatedAt, e.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var rows = await query
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(pageSize)
            .Select(e => new AuditLogEntry(e.Id, e.AdminId, e.Action.ToContract(), e.TargetType.ToContract(), e.TargetId, e.Details?.RootElement.Clone(), e.CreatedAt))
            .ToList();
        foreach (var row in rows)
        {
            row.Details?.Dispose();
        }

        var nextCursor = rows.Count > pageSize ? cursors.Create(new NewestFirstPosition(items[^1].CreatedAt, items[^1].Id)) : null;
        return TypedResults.Ok(new AuditLogPage(items, nextCursor));
    }
}
