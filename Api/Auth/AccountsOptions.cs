using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Auth;

/// <summary>Settings under <c>Accounts</c>: email verification, sessions, password reset.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long a verification link works after it was mailed.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Accounts:VerificationTokenLifetime must be between {1} and {2}.")]
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether creating or editing a listing needs a verified email address (on unless turned off).</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>
    /// How long a user's security stamp is served from memory. Every replica drops it at once when a password change,
    /// "sign out everywhere" or a suspension is published through Redis; this is how late a replica that missed the
    /// message (Redis away) honours the change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Accounts:SecurityStampCacheDuration must be between {1} and {2}.")]
    public TimeSpan SecurityStampCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a refresh token can be exchanged; each exchange gives a new one with a new lifetime.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00", ErrorMessage = "Accounts:RefreshTokenLifetime must be between {1} and {2}.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// A session's maximum age: however often it is refreshed, it ends this long after its sign-in (refresh tokens and
    /// access tokens never outlive it).
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Accounts:SessionMaxAge must be between {1} and {2}.")]
    public TimeSpan SessionMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether an address change mails the previous address its way back (<see cref="EmailChangeRevertApi"/>). Off in the
    /// release that adds the outbox kind <c>email_change_revert</c>: the previous release, still sending mail during a
    /// rolling deploy, cannot read a row holding it (the migration's <c>[EnumLabelNotWrittenYet]</c>). The next release
    /// makes it true by default; until then, turn it on once no replica of the previous release runs.
    /// </summary>
    public bool MailEmailChangeReverts { get; set; }

    /// <summary>How long the link mailed to an account's previous address, after its address changed, puts it back.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00", ErrorMessage = "Accounts:EmailChangeRevertLifetime must be between {1} and {2}.")]
    public TimeSpan EmailChangeRevertLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Registrations for one address per <see cref="RegistrationWindow"/>, whoever asks: each mails that address.</summary>
    [Range(1, 1000, ErrorMessage = "Accounts:RegistrationsPerEmail must be between {1} and {2}.")]
    public int RegistrationsPerEmail { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Accounts:RegistrationWindow must be between {1} and {2}.")]
    public TimeSpan RegistrationWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a mailed reset link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "Accounts:PasswordResetTokenLifetime must be between {1} and {2}.")]
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Forgot-password requests for one address per <see cref="ForgotPasswordWindow"/>, whoever asks: no mail-bombing.</summary>
    [Range(1, 1000, ErrorMessage = "Accounts:ForgotPasswordsPerEmail must be between {1} and {2}.")]
    public int ForgotPasswordsPerEmail { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Accounts:ForgotPasswordWindow must be between {1} and {2}.")]
    public TimeSpan ForgotPasswordWindow { get; set; } = TimeSpan.FromMinutes(15);
}
