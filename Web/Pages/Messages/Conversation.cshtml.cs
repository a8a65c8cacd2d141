using Marketplace.Contracts.Conversations;
using Marketplace.Web.Api;
using Marketplace.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Messages;

/// <summary>
/// One conversation, as either side reads it: its messages oldest first (earlier ones a link away), a reply form while
/// both may write, and the safety controls: block or unblock the other side, report the conversation to the
/// moderators. Viewing it marks it read. Anyone but its two sides gets "Page not found".
/// </summary>
public sealed class ConversationModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> ReplyFields = new() { ["message"] = nameof(Reply) };

    private static readonly Dictionary<string, string> ReportFields = new() { ["reason"] = nameof(Reason) };

    public ConversationResponse Conversation { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool Open => Conversation.ReadOnly is null;

    public async Task<IActionResult> OnGetAsync(long conversationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(conversationId, cancellationToken))
        {
            return NotFound();
        }

        if (!StaleFormFilter.IsShownAgain(HttpContext))
        {
            // Seen now: the unread count (this one's, and the header's) drops to nothing.
            await api.MarkConversationReadAsync(conversationId, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(long conversationId, CancellationToken cancellationToken)
    {
        var text = Reply?.Trim() ?? "";
        if (text.Length == 0)
        {
            ModelState.AddModelError(nameof(Reply), "Write your reply.");
        }
        else if (text.Length > ConversationRules.MessageMaxLength)
        {
            ModelState.AddModelError(nameof(Reply), FormattableString.Invariant($"Shorten your reply to {ConversationRules.MessageMaxLength:N0} characters or fewer."));
        }

        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(conversationId, cancellationToken);
        }

        var sent = await api.SendMessageAsync(conversationId, text, cancellationToken);
        return await AfterAsync(conversationId, sent.Succeeded ? null : sent.Problem, "Your reply is sent.", ReplyFields, FormPurpose.Message, cancellationToken);
    }

    public async Task<IActionResult> OnPostBlockAsync(long conversationId, CancellationToken cancellationToken) =>
        await AfterAsync(conversationId, (await api.BlockConversationPartnerAsync(conversationId, block: true, cancellationToken)).Problem,
            "Blocked. They can no longer write to you, and nobody can write in this conversation.", [], FormPurpose.BlockPartner, cancellationToken);

    public async Task<IActionResult> OnPostUnblockAsync(long conversationId, CancellationToken cancellationToken) =>
        await AfterAsync(conversationId, (await api.BlockConversationPartnerAsync(conversationId, block: false, cancellationToken)).Problem,
            "Unblocked. You can write to each other again.", [], FormPurpose.BlockPartner, cancellationToken);

    public async Task<IActionResult> OnPostReportAsync(long conversationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Say in a few words what is wrong with this conversation.");
            return await ShowAgainAsync(conversationId, cancellationToken);
        }

        return await AfterAsync(conversationId, (await api.ReportConversationAsync(conversationId, Reason.Trim(), cancellationToken)).Problem,
            "Thank you. Our moderators will read this conversation.", ReportFields, FormPurpose.ReportConversation, cancellationToken);
    }

    // Post-redirect-get with a notice; a refusal is shown on the page with what was typed.
    private async Task<IActionResult> AfterAsync(
        long conversationId, ApiProblem? problem, string notice, Dictionary<string, string> fields, FormPurpose purpose, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Notice"] = notice;
            return Redirect(FormattableString.Invariant($"/messages/{conversationId}#latest"));
        }

        if (problem.Type == ConversationProblemTypes.ReadOnly)
        {
            ModelState.AddModelError(ProblemModelState.FormKey, "Nobody can write in this conversation any more: the page now says why.");
        }
        else
        {
            ModelState.AddProblem(problem, fields, purpose);
        }

        return await ShowAgainAsync(conversationId, cancellationToken);
    }

    private async Task<IActionResult> ShowAgainAsync(long conversationId, CancellationToken cancellationToken) =>
        await LoadAsync(conversationId, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(long conversationId, CancellationToken cancellationToken)
    {
        var answer = await api.GetConversationAsync(conversationId, Before, cancellationToken);
        if (!answer.Succeeded)
        {
            return false;
        }

        Conversation = answer.Value;
        return true;
    }
}
