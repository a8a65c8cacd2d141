using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Auth;

/// <summary>Settings under <c>Accounts</c>: email verification.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long a verification link works after it was mailed.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Accounts:VerificationTokenLifetime must be between {1} and {2}.")]
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether creating or editing a listing needs a verified email address (on unless turned off).</summary>
    public bool RequireVerifiedEmail { get; set; } = true;
}
