using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

public sealed class ForgotPasswordModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new() { ["email"] = "Input.Email" };

    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter the email address of your account.");
            return Page();
        }

        var answer = await api.ForgotPasswordAsync(Input.Email.Trim(), cancellationToken);
        if (!answer.Succeeded)
        {
            ModelState.AddProblem(answer.Problem, Fields, FormPurpose.ForgotPassword);
            return Page();
        }

        Sent = true;
        return Page();
    }

    public sealed class ForgotPasswordInput
    {
        public string? Email { get; set; }
    }
}
