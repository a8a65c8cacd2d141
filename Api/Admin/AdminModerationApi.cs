using System.Security.Claims;
using System.Text.Json.Nodes;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using AdminAction = Marketplace.Data.Entities.AdminAction;
using AuditTargetType = Marketplace.Data.Entities.AuditTargetType;

namespace Marketplace.Api.Admin;

/// <summary>Removing and restoring listings; suspending, reinstating and changing the role of users.</summary>
public static class AdminModerationApi
{
    public static RouteGroupBuilder MapAdminModeration(this RouteGroupBuilder writes)
    {
        writes.MapPost("/listings/{id:long}/remove", RemoveListingAsync)
            .WithName("AdminRemoveListing")
            .WithSummary("Remove a listing")
            .WithDescription("Hides the listing from searches and from everyone but its seller and admins, with a reason, and resolves its open reports (the audit row counts them as reportsResolved; restoring does not reopen them). 409 if already removed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/listings/{id:long}/restore", RestoreListingAsync)
            .WithName("AdminRestoreListing")
            .WithSummary("Restore a removed listing")
            .WithDescription("Shows a removed listing again as it was. 409 if it is not removed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/users/{id:guid}/suspend", SuspendAsync)
            .WithName("AdminSuspendUser")
            .WithSummary("Suspend a user")
            .WithDescription("Refuses the user's login (403) and ends every session (access and refresh tokens; reinstating brings none back), with a reason. 409 if already suspended, or for oneself.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/users/{id:guid}/reinstate", ReinstateAsync)
            .WithName("AdminReinstateUser")
            .WithSummary("Reinstate a suspended user")
            .WithDescription("Lets a suspended user log in again. 409 if not suspended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPut("/users/{id:guid}/role", ChangeRoleAsync)
            .WithName("AdminChangeUserRole")
            .WithSummary("Change a user's role")
            .WithDescription("Makes a user an admin or an admin a user; tokens issued before stop working. Demoting the last active admin answers 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return writes;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveListingAsync(
        long id, ReasonRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0)
        {
            return ApiErrors.Field("reason", "Say why the listing is removed.");
        }

        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            var listing = await LockListingAsync(db, id, ct);
            if (listing is null)
            {
                return (ListingNotFound(id), null);
            }

            if (listing.RemovedAt is not null)
            {
                return (Conflict("Listing already removed.", $"Listing {id} was removed at {listing.RemovedAt:O}."), null);
            }

            var now = timeProvider.GetUtcNow();
            var adminId = AccessTokens.UserIdOf(admin);
            listing.RemovedAt = now;
            listing.RemovedById = adminId;
            listing.RemovalReason = reason;
            // The listing's open reports are dealt with by its removal, in the same transaction, and said so in its
            // audit row. No row of their own: report_resolved is read by this release but written only from the next
            // (the release before cannot read it; see the migration AddListingReport).
            var reportsResolved = await db.ListingReports
                .Where(r => r.ListingId == id && r.ResolvedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.ResolvedAt, now)
                    .SetProperty(r => r.ResolvedById, adminId)
                    .SetProperty(r => r.ResolutionNote, reason), ct);
            return (null, () => AuditEntry.Of(
                AdminAction.ListingRemoved, AuditTargetType.Listing, id,
                new JsonObject { ["removed"] = false, ["status"] = listing.Status.ToString() },
                new JsonObject { ["removed"] = true, ["status"] = listing.Status.ToString(), ["reportsResolved"] = reportsResolved },
                reason));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RestoreListingAsync(
        long id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            var listing = await LockListingAsync(db, id, ct);
            if (listing is null)
            {
                return (ListingNotFound(id), null);
            }

            if (listing.RemovedAt is null)
            {
                return (Conflict("Listing not removed.", $"Listing {id} is not removed."), null);
            }

            var before = new JsonObject
            {
                ["removed"] = true,
                ["removedAt"] = listing.RemovedAt,
                ["removedById"] = listing.RemovedById,
                ["removalReason"] = listing.RemovalReason,
            };
            listing.RemovedAt = null;
            listing.RemovedById = null;
            listing.RemovalReason = null;
            return (null, () => AuditEntry.Of(
                AdminAction.ListingRestored, AuditTargetType.Listing, id, before, new JsonObject { ["removed"] = false }, ReasonOf(request)));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SuspendAsync(
        Guid id, ReasonRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, SecurityStamps stamps, Sessions sessions, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0)
        {
            return ApiErrors.Field("reason", "Say why the account is suspended.");
        }

        if (id == AccessTokens.UserIdOf(admin))
        {
            return Conflict("Cannot suspend yourself.", "An admin cannot suspend their own account.");
        }

        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            var user = await LockUserAsync(db, id, ct);
            if (user is null)
            {
                return (UserNotFound(id), null);
            }

            if (user.SuspendedAt is not null)
            {
                return (Conflict("User already suspended.", $"User {id} was suspended at {user.SuspendedAt:O}."), null);
            }

            user.SuspendedAt = timeProvider.GetUtcNow();
            user.SuspensionReason = reason;
            var stampBefore = user.SecurityStamp;
            // Every session ends: access tokens (the stamp) and refresh tokens, so reinstating brings none back.
            await sessions.EndEverySessionAsync(db, user, ct);
            return (null, () => AuditEntry.Of(
                AdminAction.UserSuspended, AuditTargetType.User, id,
                new JsonObject { ["suspended"] = false, ["securityStamp"] = stampBefore },
                new JsonObject { ["suspended"] = true, ["securityStamp"] = user.SecurityStamp },
                reason));
        }, cancellationToken);
        stamps.Forget(id);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReinstateAsync(
        Guid id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, SecurityStamps stamps, CancellationToken cancellationToken)
    {
        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            var user = await LockUserAsync(db, id, ct);
            if (user is null)
            {
                return (UserNotFound(id), null);
            }

            if (user.SuspendedAt is null)
            {
                return (Conflict("User not suspended.", $"User {id} is not suspended."), null);
            }

            var before = new JsonObject { ["suspended"] = true, ["suspendedAt"] = user.SuspendedAt, ["suspensionReason"] = user.SuspensionReason };
            user.SuspendedAt = null;
            user.SuspensionReason = null;
            return (null, () => AuditEntry.Of(
                AdminAction.UserReinstated, AuditTargetType.User, id, before, new JsonObject { ["suspended"] = false }, ReasonOf(request)));
        }, cancellationToken);
        // The cached "suspended" goes at once on every replica (published; a replica that missed it within Accounts:SecurityStampCacheDuration).
        stamps.Forget(id);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, ChangeRoleRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, SecurityStamps stamps, CancellationToken cancellationToken)
    {
        var role = request.Role!.Value.ToStored();
        if (!Enum.IsDefined(role))
        {
            return ApiErrors.Field("role", "role must be User or Admin.");
        }

        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            // Every admin row is locked first, in one order, so two demotions cannot each see the other as the admin that remains.
            var admins = await db.Users
                .FromSql($"""SELECT * FROM "User" WHERE "Role" = 'admin' ORDER BY "Id" FOR UPDATE""")
                .ToListAsync(ct);
            var user = admins.SingleOrDefault(u => u.Id == id) ?? await LockUserAsync(db, id, ct);
            if (user is null)
            {
                return (UserNotFound(id), null);
            }

            if (user.Role == role)
            {
                return (Conflict("Nothing to change.", $"User {id} already has the role {role}."), null);
            }

            if (user.Role == UserRole.Admin && !admins.Any(a => a.Id != id && a.SuspendedAt is null))
            {
                return (Conflict("Last admin.", $"User {id} is the last active admin; make another account an admin first (role)."), null);
            }

            var before = new JsonObject { ["role"] = user.Role.ToString(), ["securityStamp"] = user.SecurityStamp };
            user.Role = role;
            // Tokens carry the role: the ones issued before must not keep the old one.
            stamps.Invalidate(user);
            return (null, () => AuditEntry.Of(
                AdminAction.UserRoleChanged, AuditTargetType.User, id,
                before, new JsonObject { ["role"] = role.ToString(), ["securityStamp"] = user.SecurityStamp }, request.Reason?.Trim()));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    private static Task<Listing?> LockListingAsync(MarketplaceDbContext db, long id, CancellationToken ct) =>
        db.Listings.FromSql($"""SELECT * FROM "Listing" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct);

    private static Task<User?> LockUserAsync(MarketplaceDbContext db, Guid id, CancellationToken ct) =>
        db.Users.FromSql($"""SELECT * FROM "User" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct);

    private static string? ReasonOf(OptionalReasonRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult ListingNotFound(long id) => ApiErrors.NotFound($"There is no listing {id}.");

    private static ProblemHttpResult UserNotFound(Guid id) => ApiErrors.NotFound($"There is no user {id}.");
}
