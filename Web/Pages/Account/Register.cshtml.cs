using Marketplace.Contracts.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

public sealed class RegisterModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["email"] = "Input.Email",
        ["password"] = "Input.Password",
        ["displayName"] = "Input.DisplayName",
    };

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AccountChecks.Email(ModelState, "Input.Email", Input.Email);
        AccountChecks.DisplayName(ModelState, "Input.DisplayName", Input.DisplayName);
        AccountChecks.NewPassword(ModelState, "Input.Password", Input.Password);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.RegisterAsync(
            new RegisterRequest { Email = Input.Email!.Trim(), Password = Input.Password!, DisplayName = Input.DisplayName!.Trim() },
            cancellationToken);
        if (!answer.Succeeded)
        {
            // Only the previous release of the Api answers 409 (an account has the email; this one answers 202 either
            // way): it names no field, but it is about the email. Drop this branch once that release is gone.
            if (answer.Problem.Status == StatusCodes.Status409Conflict)
            {
                ModelState.AddModelError("Input.Email", PersonMessages.ForProblem(answer.Problem, FormPurpose.Register));
            }
            else
            {
                ModelState.AddProblem(answer.Problem, Fields, FormPurpose.Register);
            }

            return Page();
        }

        TempData[CheckYourMailModel.EmailKey] = answer.Value.Email;
        return RedirectToPage("/Account/CheckYourMail");
    }

    public sealed class RegisterInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? DisplayName { get; set; }
    }
}
