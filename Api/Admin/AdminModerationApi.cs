using System.Security.Claims;
using System.Text.Json.Nodes;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Api.Mail;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Reports;
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
            .WithDescription("Hides the listing from searches and from everyone but its seller and admins, with a reason, and resolves its open reports (the audit row counts them as reportsResolved; restoring does not reopen them). Mails the seller the reason and how to appeal. 409 if already removed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/listings/{id:long}/restore", RestoreListingAsync)
            .WithName("AdminRestoreListing")
            .WithSummary("Restore a removed listing")
            .WithDescription("Shows a removed listing again as it was, and mails its seller so. 409 if it is not removed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/users/{id:guid}/suspend", SuspendAsync)
            .WithName("AdminSuspendUser")
            .WithSummary("Suspend a user")
            .WithDescription(
                "Refuses the user's login (403) and ends every session (access and refresh tokens; reinstating brings none back), with a " +
                "reason; takes their listings out of search and from everyone but admins (their photos, contact and reports with them), " +
                "resolves the open reports about those listings, and mails the account the reason and how to appeal. 409 if already " +
                "suspended, or for oneself.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/users/{id:guid}/reinstate", ReinstateAsync)
            .WithName("AdminReinstateUser")
            .WithSummary("Reinstate a suspended user")
            .WithDescription("Lets a suspended user log in again and brings their listings back exactly as they were; mails the account so. 409 if not suspended.")
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
        long id, ReasonRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, MailOutbox outbox, ModerationMails mails, TimeProvider timeProvider,
        CancellationToken cancellationToken)
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
                return (ListingProblems.NotFound(id), null);
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
            // The listing's open reports are dealt with by its removal, in the same transaction, and said so in its one
            // audit row (one action, one row). A report filed meanwhile waited for the listing's lock and is stored resolved.
            var reportsResolved = await db.ListingReports
                .Where(r => r.ListingId == id && r.ResolvedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.ResolvedAt, now)
                    .SetProperty(r => r.ResolvedById, adminId)
                    .SetProperty(r => r.ResolutionNote, reason), ct);
            var seller = await SellerOfAsync(db, listing, ct);
            outbox.AddMessage(db, mails.ListingRemoved(seller.Email, seller.DisplayName, id, listing.Title, reason));
            return (null, () => AuditEntry.Of(
                AdminAction.ListingRemoved, AuditTargetType.Listing, id,
                new JsonObject { ["removed"] = false, ["status"] = listing.Status.ToString() },
                new JsonObject { ["removed"] = true, ["status"] = listing.Status.ToString(), ["reportsResolved"] = reportsResolved },
                reason));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RestoreListingAsync(
        long id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, MailOutbox outbox, ModerationMails mails,
        CancellationToken cancellationToken)
    {
        var problem = await AdminAudit.RecordAsync<ProblemHttpResult?>(db, admin, async ct =>
        {
            var listing = await LockListingAsync(db, id, ct);
            if (listing is null)
            {
                return (ListingProblems.NotFound(id), null);
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
            var seller = await SellerOfAsync(db, listing, ct);
            outbox.AddMessage(db, mails.ListingRestored(seller.Email, seller.DisplayName, id, listing.Title));
            return (null, () => AuditEntry.Of(
                AdminAction.ListingRestored, AuditTargetType.Listing, id, before, new JsonObject { ["removed"] = false }, ReasonOf(request)));
        }, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SuspendAsync(
        Guid id, ReasonRequest request, ClaimsPrincipal admin, MarketplaceDbContext db, SecurityStamps stamps, Sessions sessions, MailOutbox outbox,
        ModerationMails mails, TimeProvider timeProvider, CancellationToken cancellationToken)
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

            var now = timeProvider.GetUtcNow();
            user.SuspendedAt = now;
            user.SuspensionReason = reason;
            var stampBefore = user.SecurityStamp;
            // Every session ends: access tokens (the stamp) and refresh tokens, so reinstating brings none back.
            await sessions.EndEverySessionAsync(db, user, ct);
            // Their listings leave search and every buyer's view: the state lives on each listing (SellerSuspendedAt,
            // beside and apart from its status and removal), so that searches filter on their own table and
            // reinstating restores exactly what was. Their open reports are settled by the suspension, as a removal
            // settles a listing's; a report filed meanwhile waited for the listing's lock and finds it hidden.
            var listingsHidden = await db.Listings
                .Where(l => l.SellerId == id && l.SellerSuspendedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.SellerSuspendedAt, now), ct);
            var adminId = AccessTokens.UserIdOf(admin);
            var note = $"The seller was suspended: {reason}";
            var reportsResolved = await db.ListingReports
                .Where(r => r.Listing!.SellerId == id && r.ResolvedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.ResolvedAt, now)
                    .SetProperty(r => r.ResolvedById, adminId)
                    .SetProperty(r => r.ResolutionNote, note.Length <= ReportRules.NoteMaxLength ? note : note[..ReportRules.NoteMaxLength]), ct);
            outbox.AddMessage(db, mails.AccountSuspended(user.Email, user.DisplayName, reason));
            return (null, () => AuditEntry.Of(
                AdminAction.UserSuspended, AuditTargetType.User, id,
                new JsonObject { ["suspended"] = false, ["securityStamp"] = stampBefore },
                new JsonObject
                {
                    ["suspended"] = true,
                    ["securityStamp"] = user.SecurityStamp,
                    ["listingsHidden"] = listingsHidden,
                    ["reportsResolved"] = reportsResolved,
                },
                reason));
        }, cancellationToken);
        stamps.Forget(id);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReinstateAsync(
        Guid id, OptionalReasonRequest? request, ClaimsPrincipal admin, MarketplaceDbContext db, SecurityStamps stamps, MailOutbox outbox,
        ModerationMails mails, CancellationToken cancellationToken)
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
            // Their listings come back exactly as they were: only the suspension's own column changes.
            var listingsShown = await db.Listings
                .Where(l => l.SellerId == id && l.SellerSuspendedAt != null)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.SellerSuspendedAt, (DateTimeOffset?)null), ct);
            outbox.AddMessage(db, mails.AccountReinstated(user.Email, user.DisplayName));
            return (null, () => AuditEntry.Of(
                AdminAction.UserReinstated, AuditTargetType.User, id, before,
                new JsonObject { ["suspended"] = false, ["listingsShown"] = listingsShown }, ReasonOf(request)));
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

    /// <summary>Where the mail about a listing goes: its seller's address and name.</summary>
    private static async Task<(string Email, string DisplayName)> SellerOfAsync(MarketplaceDbContext db, Listing listing, CancellationToken ct)
    {
        var seller = await db.Users.AsNoTracking()
            .Where(u => u.Id == listing.SellerId)
            .Select(u => new { u.Email, u.DisplayName })
            .SingleAsync(ct);
        return (seller.Email, seller.DisplayName);
    }

    private static Task<User?> LockUserAsync(MarketplaceDbContext db, Guid id, CancellationToken ct) =>
        db.Users.FromSql($"""SELECT * FROM "User" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct);

    private static string? ReasonOf(OptionalReasonRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult UserNotFound(Guid id) => ApiErrors.NotFound($"There is no user {id}.");
}
