using Marketplace.Contracts.Reports;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/reports</c>: the open reports, one case per listing, the case waiting longest first (or the newest first),
/// with what an admin needs to decide: the reporters and their reasons, the listing as buyers see it, and what admins
/// did about its seller before. Each report can be dismissed with a note here; removing the listing and suspending the
/// seller each ask first on a page of their own.
/// </summary>
public sealed class ReportsModel(MarketplaceApiClient api) : AdminPageModel
{
    public const string NewestOrder = "newest";

    [BindProperty(SupportsGet = true, Name = "order")]
    public string? Order { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    [BindProperty]
    public long ReportId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public bool Newest => string.Equals(Order, NewestOrder, StringComparison.OrdinalIgnoreCase);

    public ReportQueuePage Queue { get; private set; } = new([], null);

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>The key of the note field of one report's dismissal form (each report has its own).</summary>
    public static string NoteKey(long reportId) => $"Note-{reportId}";

    public string Here(string? cursor = null) =>
        "/admin/reports" + (Newest ? "?order=" + NewestOrder : "") + (cursor is null ? "" : (Newest ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDismissAsync(CancellationToken cancellationToken)
    {
        CheckReason(NoteKey(ReportId), Note, "Write a note saying why you dismiss this report.", ReportRules.NoteMaxLength);
        if (ModelState.IsValid)
        {
            var answer = await api.AdminDismissReportAsync(ReportId, Note!.Trim(), cancellationToken);
            if (answer.Succeeded)
            {
                return Done("The report is dismissed. Its reporter may report the listing again.", Here());
            }

            if (answer.Problem.Status == StatusCodes.Status403Forbidden)
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["note"] = NoteKey(ReportId) }, FormPurpose.AdminDismissReport);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await api.AdminReportQueueAsync(Newest ? ReportQueueOrder.Newest : ReportQueueOrder.Oldest, Cursor, cancellationToken);
        if (!answer.Succeeded && answer.Problem.Status == StatusCodes.Status400BadRequest && Cursor is not null)
        {
            // A cursor from an earlier queue (a case closed since): the first page, saying so.
            ModelState.AddModelError(ProblemModelState.FormKey, PersonMessages.ForField("cursor"));
            Cursor = null;
            answer = await api.AdminReportQueueAsync(Newest ? ReportQueueOrder.Newest : ReportQueueOrder.Oldest, null, cancellationToken);
        }

        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Queue = Required(answer);
        Categories = await CategoryOption.LoadAsync(api, cancellationToken);
        return true;
    }
}
