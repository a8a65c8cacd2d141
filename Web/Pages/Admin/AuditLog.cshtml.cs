using System.Globalization;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/audit-log</c>: every admin action newest first, filtered by admin, action, target and a range of days
/// (UTC), a page at a time (keyset: "Next page" carries the Api's cursor). Each row links to its target's admin page.
/// A plain GET form, so a filtered log is an address an admin can keep or send.
/// </summary>
public sealed class AuditLogModel(MarketplaceApiClient api) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "admin")]
    public Guid? AdminId { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public AdminAction? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "targetType")]
    public AuditTargetType? TargetType { get; set; }

    [BindProperty(SupportsGet = true, Name = "target")]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public AuditLogPage Log { get; private set; } = new([], null);

    /// <summary>The admins (the filter's choices, and the names the rows show).</summary>
    public IReadOnlyList<Contracts.Admin.AdminUserSummary> Admins { get; private set; } = [];

    public bool Filtered => AdminId is not null || Action is not null || TargetType is not null || !string.IsNullOrWhiteSpace(Target)
        || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To);

    public string NameOf(Guid adminId) => Admins.FirstOrDefault(a => a.Id == adminId)?.DisplayName ?? "An admin";

    /// <summary>This page's address with the filters, on the page <paramref name="cursor"/> names (null: the first).</summary>
    public string Here(string? cursor) => QueryHelpers.AddQueryString("/admin/audit-log", new Dictionary<string, string?>
    {
        ["admin"] = AdminId?.ToString(),
        ["action"] = Action?.ToString(),
        ["targetType"] = TargetType?.ToString(),
        ["target"] = string.IsNullOrWhiteSpace(Target) ? null : Target.Trim(),
        ["from"] = string.IsNullOrWhiteSpace(From) ? null : From,
        ["to"] = string.IsNullOrWhiteSpace(To) ? null : To,
        ["cursor"] = cursor,
    }.Where(p => p.Value is not null));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A value that is not one of the list's (an edited address) binds to nothing: say so next to its field.
        foreach (var (key, words) in new[] { ("admin", "Choose an admin from the list."), ("action", "Choose an action from the list."), ("targetType", "Choose a kind of target from the list.") })
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(key, words);
            }
        }

        var from = Day(nameof(From), From, "from", "Enter the first day as a date, e.g. 2025-03-01.");
        var to = Day(nameof(To), To, "to", "Enter the last day as a date, e.g. 2025-03-31.");
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError("to", "The last day must be the same as the first day or later.");
        }

        var admins = await api.AdminSearchUsersAsync(null, UserRole.Admin, null, cancellationToken);
        if (!admins.Succeeded && IsNotFound(admins.Problem))
        {
            return NotFound();
        }

        Admins = Required(admins).Items;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.AdminAuditLogAsync(
            AdminId, Action, TargetType, string.IsNullOrWhiteSpace(Target) ? null : Target.Trim(),
            from, to?.AddDays(1), Cursor, cancellationToken);
        if (!answer.Succeeded)
        {
            if (IsNotFound(answer.Problem))
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string>
            {
                ["adminId"] = "admin",
                ["action"] = "action",
                ["targetType"] = "targetType",
                ["targetId"] = "target",
                ["from"] = "from",
                ["to"] = "to",
                ["cursor"] = ProblemModelState.FormKey,
            }, FormPurpose.Search);
            return Page();
        }

        Log = answer.Value;
        return Page();
    }

    // A day typed as yyyy-MM-dd (what a date input sends), taken as the start of that day in UTC.
    private DateTimeOffset? Day(string property, string? typed, string key, string message)
    {
        _ = property;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (DateOnly.TryParseExact(typed.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        ModelState.AddModelError(key, message);
        return null;
    }
}
