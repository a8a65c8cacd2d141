using System.Globalization;
using System.Net;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Mail;

/// <summary>
/// The mails an admin's action sends the person it concerns: a listing removed (why, and how to appeal) or restored, an
/// account suspended (why, and how to appeal) or reinstated. Replies go to <c>Support:Address</c>, which is how to
/// appeal. Plain text plus HTML; what people and admins wrote is HTML-encoded in the HTML part.
/// </summary>
public sealed class ModerationMails(IOptions<MarketplaceOptions> marketplace, IOptions<SupportOptions> support)
{
    public EmailMessage ListingRemoved(string to, string displayName, long listingId, string title, string reason) => Compose(
        to,
        $"We removed your listing \"{OneLine(title)}\"",
        displayName,
        [
            $"Our moderators removed your listing \"{title}\". Buyers no longer find or see it; you still see it in My listings.",
            $"Why: {reason}",
            $"If you think this is a mistake, reply to this mail (it goes to {Support}) and say why. A moderator reads every appeal.",
        ],
        ListingLink(listingId),
        "See the listing");

    public EmailMessage ListingRestored(string to, string displayName, long listingId, string title) => Compose(
        to,
        $"Your listing \"{OneLine(title)}\" is back",
        displayName,
        [
            $"Our moderators restored your listing \"{title}\": buyers find and see it again, as it was before it was removed.",
            $"Questions? Reply to this mail (it goes to {Support}).",
        ],
        ListingLink(listingId),
        "See the listing");

    public EmailMessage AccountSuspended(string to, string displayName, string reason) => Compose(
        to,
        "Your marketplace account is suspended",
        displayName,
        [
            "Our moderators suspended your marketplace account. You cannot sign in, and buyers no longer find or see your listings or write to you about them.",
            $"Why: {reason}",
            $"If you think this is a mistake, reply to this mail (it goes to {Support}) and say why. A moderator reads every appeal.",
        ],
        link: null,
        action: null);

    public EmailMessage AccountReinstated(string to, string displayName) => Compose(
        to,
        "Your marketplace account is open again",
        displayName,
        [
            "Our moderators lifted the suspension of your marketplace account. You can sign in again, and your listings are back as they were.",
            $"Questions? Reply to this mail (it goes to {Support}).",
        ],
        marketplace.Value.PublicPage("/account/sign-in"),
        "Sign in");

    private string Support => support.Value.Address.Trim();

    private Uri ListingLink(long listingId) =>
        marketplace.Value.PublicPage($"/listings/{listingId.ToString(CultureInfo.InvariantCulture)}");

    private EmailMessage Compose(string to, string subject, string displayName, IReadOnlyList<string> paragraphs, Uri? link, string? action)
    {
        var text = $"Hello {displayName},\n\n{string.Join("\n\n", paragraphs)}\n";
        var html = $"<!DOCTYPE html>\n<html><body>\n<p>Hello {Encode(displayName)},</p>\n"
                   + string.Concat(paragraphs.Select(p => $"<p>{Encode(p)}</p>\n"));
        if (link is not null)
        {
            text += $"\n{action}: {link.AbsoluteUri}\n";
            html += $"<p><a href=\"{Encode(link.AbsoluteUri)}\">{Encode(action!)}</a></p>\n";
        }

        return new EmailMessage(to, subject, text, html + "</body></html>", ReplyTo: Support);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // A title is one line on the page, and a subject must be one.
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
