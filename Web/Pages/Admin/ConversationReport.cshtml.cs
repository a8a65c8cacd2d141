using System.Security.Claims;
using Marketplace.Contracts.Reports;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// <c>/admin/conversation-reports/{reportId}</c>: a reported conversation as an admin reads it (the Api records every reading
/// before it answers, and the page lists them): the report, the listing, both sides with a way to their accounts (to
/// suspend one), the messages, and a form that closes the report with a note.
/// </summary>
public sealed class ConversationReportModel(MarketplaceApiClient api) : AdminPageModel
{
    [BindProperty]
    public string? Note { get; set; }

    public ConversationReportDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long reportId, CancellationToken cancellationToken) =>
        await LoadAsync(reportId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(long reportId, CancellationToken cancellationToken)
    {
        CheckReason(nameof(Note), Note, "Write a note saying what you found and did.", ReportRules.NoteMaxLength);
        if (ModelState.IsValid)
        {
            var answer = await api.AdminDismissConversationReportAsync(reportId, Note!.Trim(), cancellationToken);
            if (answer.Succeeded)
            {
                return Done("The report is closed. Its reporter may report the conversation again.", "/admin/conversation-reports");
            }

            if (answer.Problem.Status == StatusCodes.Status403Forbidden)
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["note"] = nameof(Note) }, FormPurpose.AdminCloseConversationReport);
        }

        return await LoadAsync(reportId, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Who wrote a message: the buyer's or the seller's display name, saying which.</summary>
    public string Sender(Guid senderId) =>
        senderId == Detail.BuyerId ? $"{Detail.BuyerName} (buyer)" : senderId == Detail.SellerId ? $"{Detail.SellerName} (seller)" : "Someone else";

    /// <summary>Whether this is the signed-in admin.</summary>
    public bool IsMe(Guid adminId) => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == adminId;

    private async Task<bool> LoadAsync(long reportId, CancellationToken cancellationToken)
    {
        var answer = await api.AdminReadConversationReportAsync(reportId, cancellationToken);
        if (!answer.Succeeded && IsNotFound(answer.Problem))
        {
            return false;
        }

        Detail = Required(answer);
        return true;
    }
}
