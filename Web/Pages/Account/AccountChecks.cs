using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// What the account forms check before asking the Api, so that every field's problem shows in one round, in the same
/// words on every form: an email address, a password, a display name.
/// </summary>
public static partial class AccountChecks
{
    public static void Email(ModelStateDictionary modelState, string key, string? email)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(email))
        {
            modelState.AddModelError(key, "Enter your email address.");
        }
        else if (email.Trim().Length > AccountRules.EmailMaxLength || !EmailPattern().IsMatch(email))
        {
            modelState.AddModelError(key, AccountRules.EmailPatternMessage);
        }
    }

    /// <summary>What a person reads when the password they chose is one of the common ones.</summary>
    public const string CommonPassword =
        "Many people use this password, so it is among the first that attackers try. Choose another: a few unrelated words work well.";

    /// <summary>A password being chosen: long enough, not so long that hashing it is a burden, and not a common one.</summary>
    public static void NewPassword(ModelStateDictionary modelState, string key, string? password)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrEmpty(password) || password.Length < AccountRules.PasswordMinLength)
        {
            modelState.AddModelError(key, string.Create(CultureInfo.InvariantCulture,
                $"Choose a password of at least {AccountRules.PasswordMinLength} characters. A few unrelated words work well."));
        }
        else if (password.Length > AccountRules.PasswordMaxLength)
        {
            modelState.AddModelError(key, string.Create(CultureInfo.InvariantCulture,
                $"Choose a password of at most {AccountRules.PasswordMaxLength} characters."));
        }
        else if (CommonPasswords.Contains(password))
        {
            modelState.AddModelError(key, CommonPassword);
        }
    }

    /// <summary>A password the visitor already has (to sign in, or to confirm a change): only that one was typed.</summary>
    public static void CurrentPassword(ModelStateDictionary modelState, string key, string? password, string missing)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrEmpty(password))
        {
            modelState.AddModelError(key, missing);
        }
    }

    public static void DisplayName(ModelStateDictionary modelState, string key, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(displayName))
        {
            modelState.AddModelError(key, "Enter the name buyers will see, such as your first name.");
        }
        else if (displayName.Trim().Length > AccountRules.DisplayNameMaxLength)
        {
            modelState.AddModelError(key, string.Create(CultureInfo.InvariantCulture,
                $"Shorten the display name to {AccountRules.DisplayNameMaxLength} characters or fewer."));
        }
    }

    [GeneratedRegex(AccountRules.EmailPattern)]
    private static partial Regex EmailPattern();
}
