using System.Net;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Mail;

/// <summary>
/// The mails about an account, as plain text plus HTML. Links are built from <c>Marketplace:PublicBaseUrl</c>; the
/// display name and addresses are HTML-encoded in the HTML part.
/// </summary>
public sealed class AccountMails(IOptions<MarketplaceOptions> options)
{
    public const string VerifyEmailPath = "/verify-email";
    public const string ResetPasswordPath = "/reset-password";

    /// <summary>The Web's page a revert link opens: it puts a changed address back and asks for a new password.</summary>
    public const string RevertEmailPath = "/revert-email";

    public const string SignInPath = "/account/sign-in";

    public const string ForgotPasswordPath = "/account/forgot-password";

    public Uri VerifyEmailLink(string token) => options.Value.PublicLink(VerifyEmailPath, token);

    public Uri ResetPasswordLink(string token) => options.Value.PublicLink(ResetPasswordPath, token);

    /// <summary>The mail sent on registration (and on resend): follow the link to verify this address.</summary>
    public EmailMessage Verification(string to, string displayName, string token, TimeSpan lifetime) => Compose(
        to,
        "Verify your email address",
        displayName,
        $"Please confirm that {to} is your address by opening the link below.",
        VerifyEmailLink(token),
        "Verify my email",
        $"The link works once, for {Describe(lifetime)}. If you did not create a marketplace account, ignore this mail.");

    /// <summary>The mail sent to a new address after a change of email: the account switches to it once followed.</summary>
    public EmailMessage EmailChange(string to, string displayName, string token, TimeSpan lifetime) => Compose(
        to,
        "Confirm your new email address",
        displayName,
        $"Your marketplace account is to use {to} from now on. Open the link below to confirm; until then it keeps its old address.",
        VerifyEmailLink(token),
        "Confirm my new email",
        $"The link works once, for {Describe(lifetime)}. If you did not ask for this, ignore this mail.");

    /// <summary>The mail sent on "forgot password": follow the link to choose a new password.</summary>
    public EmailMessage PasswordReset(string to, string displayName, string token, TimeSpan lifetime) => Compose(
        to,
        "Reset your password",
        displayName,
        "Someone asked to reset the password of your marketplace account. Open the link below to choose a new one.",
        ResetPasswordLink(token),
        "Choose a new password",
        $"The link works once, for {Describe(lifetime)}. If you did not ask for this, ignore this mail: your password stays as it is.");

    /// <summary>
    /// To an address an account has, when someone registers with it again: nothing was created, and here is how to get in.
    /// It holds no secret (it waits in the outbox as it is): the links open the sign-in and forgot-password pages.
    /// </summary>
    public EmailMessage AlreadyRegistered(string to, string displayName)
    {
        var signIn = options.Value.PublicPage(SignInPath);
        var reset = options.Value.PublicPage(ForgotPasswordPath);
        const string Lead = "Someone, probably you, tried to create a marketplace account with this address. You already have one, so nothing was created.";
        const string Footnote = "If it was not you, ignore this mail: your account and its password stay as they are.";
        var text = $"""
            Hello {displayName},

            {Lead}

            Sign in: {signIn.AbsoluteUri}
            Forgot your password? Choose a new one: {reset.AbsoluteUri}

            {Footnote}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Hello {Encode(displayName)},</p>
            <p>{Encode(Lead)}</p>
            <p><a href="{Encode(signIn.AbsoluteUri)}">Sign in</a></p>
            <p>Forgot your password? <a href="{Encode(reset.AbsoluteUri)}">Choose a new one</a>.</p>
            <p>{Encode(Footnote)}</p>
            </body></html>
            """;
        return new EmailMessage(to, "You already have a marketplace account", text, html);
    }

    /// <summary>
    /// To the address an account had until its address changed to <paramref name="newEmail"/>: if that was not its owner,
    /// the link puts the old address back, ends every session and asks for a new password.
    /// </summary>
    public EmailMessage EmailChangeRevert(string to, string displayName, string newEmail, string token, TimeSpan lifetime) => Compose(
        to,
        "Your marketplace account's email address was changed",
        displayName,
        $"The email address of your marketplace account was changed from {to} to {newEmail}. If you did this, there is nothing to do. " +
        "If you did not, open the link below: it puts your account back on this address, signs everyone out of it and asks you for a new password.",
        options.Value.PublicLink(RevertEmailPath, token),
        "Put my account back on this address",
        $"The link works once, for {Describe(lifetime)}, even if the password is changed meanwhile.");

    private static EmailMessage Compose(string to, string subject, string displayName, string lead, Uri link, string action, string footnote)
    {
        var text = $"""
            Hello {displayName},

            {lead}

            {link.AbsoluteUri}

            {footnote}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Hello {Encode(displayName)},</p>
            <p>{Encode(lead)}</p>
            <p><a href="{Encode(link.AbsoluteUri)}">{Encode(action)}</a></p>
            <p>Or copy this address into your browser: {Encode(link.AbsoluteUri)}</p>
            <p>{Encode(footnote)}</p>
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// How long a link works, to the minute: a mail sent later than asked for (the outbox retried it) says what is left,
    /// "23 hours and 10 minutes", rather than the whole lifetime.
    /// </summary>
    private static string Describe(TimeSpan lifetime)
    {
        var minutes = (long)Math.Round(lifetime.TotalMinutes, MidpointRounding.AwayFromZero);
        var (hours, rest) = (minutes / 60, minutes % 60);
        return (hours, rest) switch
        {
            (0, _) => Count(rest, "minute"),
            (_, 0) => Count(hours, "hour"),
            _ => $"{Count(hours, "hour")} and {Count(rest, "minute")}",
        };

        static string Count(long count, string unit) => $"{count} {unit}{(count == 1 ? "" : "s")}";
    }
}
