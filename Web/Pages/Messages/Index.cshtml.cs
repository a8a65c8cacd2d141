using Marketplace.Contracts.Conversations;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Messages;

/// <summary>The visitor's conversations as buyer and as seller, latest activity first, each with its listing and its unread count.</summary>
public sealed class IndexModel(MarketplaceApiClient api) : PageModel
{
    public IReadOnlyList<ConversationSummary> Items { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await api.GetInboxAsync(Cursor, cancellationToken);
        if (!page.Succeeded)
        {
            ModelState.AddProblem(page.Problem, new Dictionary<string, string> { ["cursor"] = ProblemModelState.FormKey }, FormPurpose.Message);
            return Page();
        }

        Items = page.Value.Items;
        // The Api pages forward only: the browser's Back goes back.
        Pager = new PagerLinks(
            null,
            page.Value.NextCursor is { } next ? "/messages?cursor=" + Uri.EscapeDataString(next) : null);
        return Page();
    }
}
