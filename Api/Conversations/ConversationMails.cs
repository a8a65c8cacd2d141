using System.Globalization;
using System.Net;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Conversations;

/// <summary>
/// The mail that tells one side of a conversation the other wrote: the message and a link to the conversation on the
/// site, in the platform's name. Never an address: no Reply-To, and neither side's address in the text (the recipient's
/// own is only the envelope's), so nobody learns the other's address by talking. What users wrote is HTML-encoded.
/// </summary>
public sealed class ConversationMails(IOptions<MarketplaceOptions> options)
{
    /// <summary>Where the Web shows a conversation: <c>/messages/{id}</c>.</summary>
    public const string ConversationPath = "/messages";

    public Uri ConversationLink(long conversationId) =>
        options.Value.PublicPage($"{ConversationPath}/{conversationId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A new message from <paramref name="senderName"/> in the conversation about <paramref name="listingTitle"/>.</summary>
    public EmailMessage NewMessage(string to, string recipientName, string senderName, long conversationId, string listingTitle, string message, bool toSeller)
    {
        var link = ConversationLink(conversationId);
        var lead = toSeller
            ? $"{senderName} wrote to you about your listing \"{listingTitle}\":"
            : $"{senderName} answered you about \"{listingTitle}\":";
        const string Footnote = "Answer on the marketplace: replies to this mail go nowhere. Neither of you sees the other's email address.";
        var text = $"""
            Hello {recipientName},

            {lead}

            {message}

            Read and answer it here: {link.AbsoluteUri}

            {Footnote}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Hello {Encode(recipientName)},</p>
            <p>{Encode(lead)}</p>
            <blockquote style="white-space: pre-wrap">{Encode(message)}</blockquote>
            <p><a href="{Encode(link.AbsoluteUri)}">Read and answer it</a></p>
            <p>{Encode(Footnote)}</p>
            </body></html>
            """;
        return new EmailMessage(to, $"New message about \"{OneLine(listingTitle)}\"", text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // A title is one line on the page, and a subject must be one.
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
