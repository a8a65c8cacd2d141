using Marketplace.Contracts.Reports;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/conversation-reports</c>: the open reports about conversations, newest first: what the reporter says and
/// about which listing. A conversation is read only through its report, on a page of its own that records the reading.
/// </summary>
public sealed class ConversationReportsModel(MarketplaceApiClient api) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public ReportPage Reports { get; private set; } = new([], null);

    public string Here(string? cursor = null) =>
        "/admin/conversation-reports" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await api.AdminConversationReportsAsync(Cursor, cancellationToken);
        if (!answer.Succeeded && answer.Problem.Status == StatusCodes.Status400BadRequest && Cursor is not null)
        {
            // A cursor from an earlier list: the first page, saying so.
            ModelState.AddModelError(ProblemModelState.FormKey, PersonMessages.ForField("cursor"));
            Cursor = null;
            answer = await api.AdminConversationReportsAsync(null, cancellationToken);
        }

        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return NotFound();
        }

        Reports = Required(answer);
        return Page();
    }
}
