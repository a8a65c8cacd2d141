using Marketplace.Contracts.Admin;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Pages.Admin;

/// <summary><c>/admin/users</c>: find accounts by a part of their email address or display name, newest first.</summary>
public sealed class UsersModel(MarketplaceApiClient api) : AdminPageModel
{
    public const int WordsMaxLength = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Words { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public AdminUserPage? Found { get; private set; }

    public string Here(string? cursor) => QueryHelpers.AddQueryString("/admin/users", new Dictionary<string, string?>
    {
        ["q"] = Words?.Trim(),
        ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Words))
        {
            return Page();
        }

        if (Words.Trim().Length > WordsMaxLength)
        {
            ModelState.AddModelError("q", $"Enter at most {WordsMaxLength} characters.");
            return Page();
        }

        var answer = await api.AdminSearchUsersAsync(Words.Trim(), null, Cursor, cancellationToken);
        if (!answer.Succeeded)
        {
            if (IsNotFound(answer.Problem))
            {
                return NotFound();
            }

            ModelState.AddProblem(answer.Problem, new Dictionary<string, string> { ["q"] = "q", ["cursor"] = ProblemModelState.FormKey }, FormPurpose.Search);
            return Page();
        }

        Found = answer.Value;
        return Page();
    }
}
