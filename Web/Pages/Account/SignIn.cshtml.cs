using Marketplace.Contracts.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

public sealed class SignInModel(MarketplaceApiClient api) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["email"] = "Input.Email",
        ["password"] = "Input.Password",
    };

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter your email address.");
        }

        AccountChecks.CurrentPassword(ModelState, "Input.Password", Input.Password, "Enter your password.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answer = await api.LoginAsync(new LoginRequest { Email = Input.Email!, Password = Input.Password! }, cancellationToken);
        if (!answer.Succeeded)
        {
            // One message for a wrong email or password: the Api does not say which, and neither does the page.
            ModelState.AddProblem(answer.Problem, answer.Problem.Status == StatusCodes.Status400BadRequest ? Fields : [], FormPurpose.SignIn);
            return Page();
        }

        await ApiSession.SignInAsync(HttpContext, answer.Value);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public sealed class SignInInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
