using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ListingStatus = Marketplace.Data.Entities.ListingStatus;

namespace Marketplace.Api.Admin;

/// <summary>Finding accounts and reviewing one: what admins need before they suspend, reinstate or change a role.</summary>
public static class AdminUsersApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxQueryLength = 200;

    public static RouteGroupBuilder MapAdminUsers(this RouteGroupBuilder admin)
    {
        admin.MapGet("/users", SearchAsync)
            .WithName("AdminSearchUsers")
            .WithSummary("Find accounts")
            .WithDescription(
                "Accounts newest first, their email addresses too: q finds a part of the email or the display name (any case); " +
                "role and suspended narrow the list. Without q, every account. Pass nextCursor back as cursor for the next page.");

        admin.MapGet("/users/{id:guid}", GetAsync)
            .WithName("AdminGetUser")
            .WithSummary("Review an account")
            .WithDescription(
                "The account with why it is suspended, the removals of its listings and its suspensions so far (from the audit log), " +
                "how many listings it has, and the reports filed about them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    public static async Task<Results<Ok<AdminUserPage>, ValidationProblem>> SearchAsync(
        [Description("A part of the email address or the display name, in any case.")][StringLength(MaxQueryLength)] string? q,
        [Description("Only accounts with this role.")] UserRole? role,
        [Description("true: only suspended accounts; false: only the others.")] bool? suspended,
        [Description("The nextCursor of the previous page.")][StringLength(200)] string? cursor,
        [Description("Accounts per page, 1 to 200; 50 by default.")][Range(1, MaxPageSize)] int? limit,
        MarketplaceDbContext db,
        AdminUserCursors cursors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (role is { } r && !Enum.IsDefined(r))
        {
            errors["role"] = [$"'{(int)r}' is not a role."];
        }

        (DateTimeOffset CreatedAt, Guid Id)? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = cursors.Read(cursor)) is null)
        {
            errors["cursor"] = ["The cursor is not one this list issued; start again without a cursor."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Admins look accounts up now and then: a scan of the accounts (no index serves "a part of"), newest first.
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(u => EF.Functions.ILike(u.Email, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }

        if (role is { } wanted)
        {
            var stored = wanted.ToStored();
            query = query.Where(u => u.Role == stored);
        }

        if (suspended is { } onlySuspended)
        {
            query = onlySuspended ? query.Where(u => u.SuspendedAt != null) : query.Where(u => u.SuspendedAt == null);
        }

        if (after is var (createdAt, id))
        {
            query = query.Where(u => EF.Functions.LessThan(ValueTuple.Create(u.CreatedAt, u.Id), ValueTuple.Create(createdAt, id)));
        }

        var pageSize = limit ?? DefaultPageSize;
        var rows = await query
            .OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id)
            .Take(pageSize + 1)
            .Select(AdminUserProjection.AsSummary)
            .ToListAsync(cancellationToken);
        var items = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? cursors.Create(items[^1].MemberSince, items[^1].Id) : null;
        return TypedResults.Ok(new AdminUserPage(items, next));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> GetAsync(
        Guid id, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var isListed = ListingAccess.PublicIn(ListingStatus.Active);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                Summary = new AdminUserSummary(u.Id, u.Email, u.DisplayName, u.Role.ToContract(), u.CreatedAt, u.EmailVerifiedAt, u.SuspendedAt),
                u.SuspensionReason,
                Listings = u.Listings.Count,
                ActiveListings = u.Listings.AsQueryable().Count(isListed),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return ApiErrors.NotFound($"There is no user {id}.");
        }

        var reports = await db.ListingReports.AsNoTracking()
            .Where(r => r.Listing!.SellerId == id)
            .GroupBy(r => 1)
            .Select(g => new { All = g.Count(), Open = g.Count(r => r.ResolvedAt == null) })
            .SingleOrDefaultAsync(cancellationToken);
        var history = (await ModerationHistories.ForAsync(db, [id], cancellationToken))[id];
        return TypedResults.Ok(new AdminUserResponse(
            user.Summary, user.SuspensionReason, history, user.Listings, user.ActiveListings, reports?.All ?? 0, reports?.Open ?? 0));
    }

    /// <summary>The text as a LIKE pattern matches it literally: its %, _ and \ escaped with \.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
